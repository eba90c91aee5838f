import { logLevel } from 'kafkajs';
import { testInfrastructure, uniqueName } from '@validity/testing';
import { createKafka } from './kafka-client';
import { ensureTopics } from './ensure-topics';
import { PartitionEndOffsets } from './partition-end-offsets';

const kafka = createKafka(testInfrastructure().kafka, 'partition-end-offsets-spec', {
  logLevel: logLevel.NOTHING,
});

describe('PartitionEndOffsets on a real broker', () => {
  it('reads the end of every asked partition of several topics in one call', async () => {
    const [first, second] = [uniqueName('ends'), uniqueName('ends')];
    await ensureTopics(
      testInfrastructure().kafka,
      [first, second].map((name) => ({
        name,
        partitions: 2,
        cleanupPolicy: 'delete' as const,
        producer: 'reports' as const,
        public: false,
      })),
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: first,
      messages: [1, 2, 3].map((value) => ({ value: String(value), partition: 0 })),
    });
    await producer.send({ topic: second, messages: [{ value: 'x', partition: 1 }] });
    await producer.disconnect();

    const ends = new PartitionEndOffsets(kafka);
    try {
      const read = await ends.read(
        new Map([
          [first, [0, 1]],
          [second, [1]],
        ]),
      );
      expect(
        read.sort((a, b) => `${a.topic}${a.partition}`.localeCompare(`${b.topic}${b.partition}`)),
      ).toEqual(
        [
          { topic: first, partition: 0, offset: '3' },
          { topic: first, partition: 1, offset: '0' },
          { topic: second, partition: 1, offset: '1' },
        ].sort((a, b) => `${a.topic}${a.partition}`.localeCompare(`${b.topic}${b.partition}`)),
      );
    } finally {
      await ends.disconnect();
    }
  });
});
