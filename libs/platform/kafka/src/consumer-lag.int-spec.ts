import { logLevel } from 'kafkajs';
import { encodeEnvelope, type DecodedEnvelope } from '@validity/contracts';
import { testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { CompactedTopicFollower } from './compacted-topic-follower';
import { committedGroupLag } from './consumer-lag';
import { ConsumerLagRegistry } from './consumer-lag-registry';
import { ConsumerRunner } from './consumer-runner';
import { ensureTopics } from './ensure-topics';
import { EventProducer } from './event-producer';
import { createKafka } from './kafka-client';
import { envelopeDecoder } from './record-decoder';

const { kafkaBrokers } = testInfrastructure();
const kafka = createKafka(testInfrastructure().kafka, 'consumer-lag-spec', { logLevel: logLevel.NOTHING });

function reportMessage(id: number) {
  return encodeEnvelope(
    {
      event: 'created',
      timestamp: '2024-01-10T08:15:02.401177+00:00',
      model: 'compliancereport',
      username: 'admin',
      request_id: null,
      data: { id },
      snapshots: { prechange: null, postchange: null },
    },
    { objectType: 'validity.compliancereport', objectId: id },
  ).message;
}

describe('consumer lag on a real broker', () => {
  let producer: EventProducer;
  let topic: string;

  beforeAll(async () => {
    producer = await EventProducer.connect(kafka);
    topic = uniqueName('lag');
    await ensureTopics(kafkaBrokers, [
      { name: topic, partitions: 1, cleanupPolicy: 'delete', producer: 'reports', public: false },
    ]);
    await producer.send(topic, [1, 2, 3, 4, 5, 6].map(reportMessage));
  });

  afterAll(() => producer.disconnect());

  it("counts a committing group's records from its committed offset, all of them before any commit", async () => {
    const groupId = uniqueName('lag_group');
    expect(await committedGroupLag(kafka, groupId, [topic])).toEqual([{ topic, partition: 0, records: 6 }]);
    // The handler fails on record 4 for good: the group commits 1-3 and stays there.
    const handled: number[] = [];
    const runner = await ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId,
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      handle: (decoded) => {
        const id = decoded.envelope.data.id as number;
        if (id === 4) return Promise.reject(new Error('not now'));
        handled.push(id);
        return Promise.resolve();
      },
    });
    try {
      await waitFor('records 1-3 handled', () => (handled.length >= 3 ? true : undefined));
      const lag = await waitFor('the commit of record 3', async () => {
        const [partition] = await committedGroupLag(kafka, groupId, [topic]);
        return partition.records === 3 ? partition : undefined;
      });
      expect(lag).toEqual({ topic, partition: 0, records: 3 });
    } finally {
      await runner.stop();
    }
  });

  it('counts what a follower has not applied yet, and reports every registered consumer by name', async () => {
    const applied: number[] = [];
    const follower = new CompactedTopicFollower({
      kafka,
      topic,
      groupPrefix: 'lag-spec',
      apply: (key) => {
        applied.push(Number(key?.toString()));
      },
    });
    const registry = new ConsumerLagRegistry();
    const unregister = registry.register('lag-spec-follower', () => follower.lag());
    registry.register('broken', () => Promise.reject(new Error('broker away')));
    expect(await registry.read()).toEqual([]);

    await follower.start();
    try {
      await follower.catchUp(20_000);
      expect(applied).toHaveLength(6);
      expect(await registry.read()).toEqual([
        { consumer: 'lag-spec-follower', topic, partition: 0, records: 0 },
      ]);
      await producer.send(topic, [7, 8].map(reportMessage));
      await follower.catchUp(20_000);
      expect(await follower.lag()).toEqual([{ topic, partition: 0, records: 0 }]);
      unregister();
      expect(await registry.read()).toEqual([]);
    } finally {
      await follower.stop();
    }
  });
});
