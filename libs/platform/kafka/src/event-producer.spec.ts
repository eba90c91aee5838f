import { KafkaJSProtocolError, type Kafka, type Producer } from 'kafkajs';
import { EventProducer } from './event-producer';

/** A kafkajs producer whose sends answer from a script, one entry per send. */
function scriptedProducer(answers: Array<'ok' | Error>) {
  const sent: string[] = [];
  let connected = false;
  const producer = {
    connect: jest.fn(async () => void (connected = true)),
    disconnect: jest.fn(async () => void (connected = false)),
    send: jest.fn(async ({ topic }: { topic: string }) => {
      if (!connected) throw new Error('The producer is disconnected');
      const answer = answers.shift() ?? 'ok';
      if (answer !== 'ok') throw answer;
      sent.push(topic);
      return [];
    }),
  };
  return { producer, sent };
}

function kafkaHanding(...producers: Array<ReturnType<typeof scriptedProducer>['producer'] | Error>) {
  return {
    producer: jest.fn(() => {
      const next = producers.shift();
      if (next instanceof Error) return { connect: async () => Promise.reject(next) };
      return next as unknown as Producer;
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
});
