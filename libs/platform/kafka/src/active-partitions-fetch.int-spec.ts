import { logLevel, type Consumer } from 'kafkajs';
import { testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { ensureTopics } from './ensure-topics';
import { createKafka } from './kafka-client';

const kafka = createKafka(testInfrastructure().kafka, 'active-partitions-fetch-spec', {
  logLevel: logLevel.NOTHING,
});

interface ConsumerGroupPrototype {
  filterPartitionsByNode(nodeId: string, topicPartitions: Array<{ topic: string }>): unknown;
}

describe('a kafkajs consumer with most of its topics paused (mended fetch)', () => {
  const topics = Array.from({ length: 12 }, () => uniqueName('paused'));
  const [active, resumed] = topics;
  let consumer: Consumer;
  const consumed: string[] = [];
  /** The topics each fetch worked out the leaders of, from the first fetch after every pause was made. */
  const lookedUp = new Set<string>();
  let watching = false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prototype } = require('kafkajs/src/consumer/consumerGroup') as {
    prototype: ConsumerGroupPrototype;
  };
  const filterPartitionsByNode = prototype.filterPartitionsByNode;

  beforeAll(async () => {
    prototype.filterPartitionsByNode = function watched(this: unknown, nodeId, topicPartitions) {
      if (watching) for (const { topic } of topicPartitions) lookedUp.add(topic);
      return filterPartitionsByNode.call(this, nodeId, topicPartitions);
    };
    await ensureTopics(
      testInfrastructure().kafka,
      topics.map((name) => ({
        name,
        partitions: 2,
        cleanupPolicy: 'delete' as const,
        producer: 'reports' as const,
        public: false,
      })),
    );
    consumer = kafka.consumer({ groupId: uniqueName('paused_group'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const joined = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => {
        consumer.pause(topics.filter((topic) => topic !== active).map((topic) => ({ topic })));
        resolve();
      });
    });
    await consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        consumed.push(
          `${topic === active ? 'active' : topic === resumed ? 'resumed' : topic}:${partition}:${message.value!.toString()}`,
        );
        return Promise.resolve();
      },
    });
    await joined;
  });

  afterAll(async () => {
    await consumer.disconnect();
    prototype.filterPartitionsByNode = filterPartitionsByNode;
  });

  it('fetches the active partitions only, and reads a resumed one from where a seek set it', async () => {
    const producer = kafka.producer();
    await producer.connect();
    try {
      // Let a fetch that was sent before the pauses come back first.
      await new Promise((resolve) => setTimeout(resolve, 300));
      watching = true;
      for (const topic of topics)
        await producer.send({
          topic,
          messages: ['1', '2', '3'].map((value) => ({ value, partition: 0 })),
        });
      await waitFor('the active topic read', () => (consumed.length >= 3 ? true : undefined));
      consumer.seek({ topic: resumed, partition: 0, offset: '2' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(consumed).toEqual(['active:0:1', 'active:0:2', 'active:0:3']);
      // kafkajs's own fetch looked up the leaders of every assigned partition, paused or not, each time.
      expect([...lookedUp]).toEqual([active]);

      consumer.resume([{ topic: resumed }]);
      await waitFor('the resumed topic read', () => (consumed.length >= 4 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(consumed.slice(3)).toEqual(['resumed:0:3']);
      expect([...lookedUp].sort()).toEqual([active, resumed].sort());
    } finally {
      await producer.disconnect();
    }
  });
});
