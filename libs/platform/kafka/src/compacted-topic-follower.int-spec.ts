import { logLevel } from 'kafkajs';
import { countKafkaRequests, testInfrastructure, uniqueName } from '@validity/testing';
import { CompactedTopicFollower } from './compacted-topic-follower';
import { ensureTopics } from './ensure-topics';
import { createKafka } from './kafka-client';

const { kafkaBrokers } = testInfrastructure();

describe('CompactedTopicFollower on a real broker', () => {
  let topic: string;

  beforeAll(async () => {
    topic = uniqueName('follower');
    await ensureTopics(kafkaBrokers, [
      { name: topic, partitions: 3, cleanupPolicy: 'compact', producer: 'webhook-registry', public: false },
    ]);
  });

  it('catches up with what was published before the call, one ListOffsets request a round', async () => {
    const clientId = uniqueName('follower_spec');
    const kafka = createKafka(testInfrastructure().kafka, clientId, { logLevel: logLevel.NOTHING });
    const applied = new Map<string, string>();
    const follower = new CompactedTopicFollower({
      kafka,
      topic,
      groupPrefix: 'follower-spec',
      apply: (key, value) => {
        applied.set(key!.toString(), value!.toString());
      },
    });
    const producer = kafka.producer();
    await producer.connect();
    await follower.start();
    const requests = countKafkaRequests(clientId);
    try {
      // Once the follower's consumer has found where to start (its own ListOffsets request).
      await producer.send({ topic, messages: [{ key: 'a', value: 'a0' }] });
      await follower.catchUp(20_000);
      for (const round of [1, 2, 3]) {
        await producer.send({
          topic,
          messages: ['a', 'b', 'c', 'd'].map((key) => ({ key, value: `${key}${round}` })),
        });
        requests.reset();
        await follower.catchUp(20_000);
        expect([...applied.values()].sort()).toEqual(['a', 'b', 'c', 'd'].map((key) => `${key}${round}`));
        // kafkajs's admin asked Metadata, then ListOffsets for the ends and again for the starts: three
        // round trips before every batch the dispatcher matches.
        expect(requests.sentBy('ListOffsets')).toBe(1);
        expect(requests.sentBy('Metadata')).toBe(0);
      }
    } finally {
      requests.restore();
      await producer.disconnect();
      await follower.stop();
    }
  });
});
