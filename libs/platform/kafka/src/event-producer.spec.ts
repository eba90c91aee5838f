import {
  KafkaJSProtocolError,
  type ICustomPartitioner,
  type Kafka,
  type Message,
  type ProducerConfig,
} from 'kafkajs';
import { EventProducer, UnacknowledgedPartitionError } from './event-producer';

const PARTITIONS = [0, 1, 2].map((partitionId) => ({
  partitionErrorCode: 0,
  partitionId,
  leader: 1,
  replicas: [1],
  isr: [1],
}));

/**
 * A kafkajs producer whose sends answer from a script, one entry per send: 'ok' acknowledges every
 * partition its messages were given by the configured partitioner, 'drop-partition-0' acknowledges all
 * but partition 0 (what kafkajs 2.2.4 does when partition 0's leader moves mid-send), an Error fails.
 */
function scriptedProducer(answers: Array<'ok' | 'drop-partition-0' | Error>) {
  const sent: string[] = [];
  let connected = false;
  let partitioner: ReturnType<ICustomPartitioner> | undefined;
  const producer = {
    configure(config: ProducerConfig) {
      partitioner = config.createPartitioner?.();
    },
    connect: jest.fn(async () => void (connected = true)),
    disconnect: jest.fn(async () => void (connected = false)),
    send: jest.fn(async ({ topic, messages }: { topic: string; messages: Message[] }) => {
      if (!connected) throw new Error('The producer is disconnected');
      const answer = answers.shift() ?? 'ok';
      if (answer instanceof Error) throw answer;
      const partitions = new Set(
        messages.map((message) => partitioner!({ topic, partitionMetadata: PARTITIONS, message })),
      );
      if (answer === 'drop-partition-0') partitions.delete(0);
      sent.push(topic);
      return [...partitions].map((partition) => ({ topicName: topic, partition, errorCode: 0 }));
    }),
  };
  return { producer, sent };
}

function kafkaHanding(...producers: Array<ReturnType<typeof scriptedProducer>['producer'] | Error>) {
  return {
    producer: jest.fn((config: ProducerConfig) => {
      const next = producers.shift();
      if (next instanceof Error) return { connect: async () => Promise.reject(next) };
      next!.configure(config);
      return next;
    }),
  } as unknown as Kafka & { producer: jest.Mock };
}

// kafkajs builds its protocol errors from the broker's error table entry; its typings only say `Error`.
const outOfOrder = () =>
  new KafkaJSProtocolError({
    message: 'The broker received an out of order sequence number',
    type: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
    code: 45,
    retriable: false,
  } as unknown as Error);

const message = { key: 'k', value: Buffer.from('v'), headers: {} };
/** Keys the Java-compatible partitioner spreads over all three partitions. */
const manyKeys = Array.from({ length: 30 }, (_, index) => ({ ...message, key: `report-${index}` }));

describe('EventProducer', () => {
  it('replaces a producer the broker fenced, so the retried send goes through', async () => {
    const first = scriptedProducer([outOfOrder(), outOfOrder()]);
    const second = scriptedProducer([]);
    const kafka = kafkaHanding(first.producer, second.producer);
    const producer = await EventProducer.connect(kafka);

    await expect(producer.send('events', [message])).rejects.toThrow('out of order sequence number');
    await producer.send('events', [message]);

    expect(first.producer.disconnect).toHaveBeenCalled();
    expect(first.sent).toEqual([]);
    expect(second.sent).toEqual(['events']);
  });

  it('keeps its producer after other failures (kafkajs retries those itself)', async () => {
    const only = scriptedProducer([new Error('Connection timeout')]);
    const kafka = kafkaHanding(only.producer);
    const producer = await EventProducer.connect(kafka);

    await expect(producer.send('events', [message])).rejects.toThrow('Connection timeout');
    await producer.send('events', [message]);

    expect(kafka.producer).toHaveBeenCalledTimes(1);
    expect(only.sent).toEqual(['events']);
  });

  it('tries the replacement again on the next send when the broker is still away', async () => {
    const first = scriptedProducer([outOfOrder()]);
    const third = scriptedProducer([]);
    const kafka = kafkaHanding(first.producer, new Error('connect ECONNREFUSED'), third.producer);
    const producer = await EventProducer.connect(kafka);

    await expect(producer.send('events', [message])).rejects.toThrow('out of order');
    await expect(producer.send('events', [message])).rejects.toThrow('ECONNREFUSED');
    await producer.send('events', [message]);

    expect(third.sent).toEqual(['events']);
  });

  it('fails a send that kafkajs resolved without an acknowledgement for one of its partitions', async () => {
    const only = scriptedProducer(['drop-partition-0', 'ok']);
    const producer = await EventProducer.connect(kafkaHanding(only.producer));

    await expect(producer.send('events', manyKeys)).rejects.toThrow(UnacknowledgedPartitionError);
    await expect(producer.send('events', manyKeys)).resolves.toHaveLength(3);
  });

  it('checks a batch over several topics the same way', async () => {
    const only = scriptedProducer(['ok']);
    const producer = await EventProducer.connect(kafkaHanding(only.producer));
    (only.producer as { sendBatch?: unknown }).sendBatch = async ({
      topicMessages,
    }: {
      topicMessages: Array<{ topic: string; messages: Message[] }>;
    }) => (await Promise.all(topicMessages.map((entry) => only.producer.send(entry)))).flat();

    await expect(
      producer.sendBatch(manyKeys.map((entry) => ({ topic: 'a', message: entry }))),
    ).resolves.toHaveLength(3);
  });
});
