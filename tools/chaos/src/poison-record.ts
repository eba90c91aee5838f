import { randomUUID } from 'node:crypto';
import {
  DEAD_LETTER_TOPIC,
  ENVELOPE_CONTENT_TYPE,
  ENVELOPE_HEADERS,
  ENVELOPE_SCHEMA_VERSION,
} from '@validity/contracts';
import { createKafka } from '@validity/platform/kafka';
import { logLevel, type IHeaders } from 'kafkajs';

export interface PlacedPoison {
  topic: string;
  partition: number;
  offset: string;
}

export interface PoisonOutcome {
  /** Poison records found in the dead-letter topic, with the reason the consumer gave. */
  deadLettered: Array<PlacedPoison & { reason: string }>;
  /** Poison records the dispatcher's group committed past (the partition moved on). */
  passed: number;
  placed: number;
}

/** Right headers, cut-off body: what a producer that died mid-write or a buggy bridge leaves behind. */
const POISON_VALUE = Buffer.from(
  '{"event": "created", "timestamp": "2026-11-30 05:00:00.000000+00:00", "data": {"id": 1',
);

function poisonHeaders(): IHeaders {
  return {
    [ENVELOPE_HEADERS.eventId]: randomUUID(),
    [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
    [ENVELOPE_HEADERS.schemaVersion]: ENVELOPE_SCHEMA_VERSION,
    [ENVELOPE_HEADERS.objectType]: 'validity.compliancereport',
    [ENVELOPE_HEADERS.event]: 'created',
  };
}

/** The chaos run's own clients stay quiet: a fresh broker's "coordinator loading" retries are expected. */
const QUIET = { logLevel: logLevel.NOTHING };

/** Writes one undecodable record to every partition of `topic`, as a broken producer would. */
export async function placePoison(brokers: string, topic: string): Promise<PlacedPoison[]> {
  const kafka = createKafka(brokers, 'chaos-poison', QUIET);
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
  try {
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    const placed: PlacedPoison[] = [];
    for (const { partitionId } of metadata.partitions) {
      const [written] = await producer.send({
        topic,
        acks: -1,
        messages: [
          { key: 'chaos-poison', value: POISON_VALUE, headers: poisonHeaders(), partition: partitionId },
        ],
      });
      placed.push({ topic, partition: partitionId, offset: written.baseOffset ?? '-1' });
    }
    return placed;
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }
}

/** Looks for each poison record in the dead-letter topic and in the consumer group's committed offsets. */
export async function checkPoison(
  brokers: string,
  groupId: string,
  placed: readonly PlacedPoison[],
): Promise<PoisonOutcome> {
  const kafka = createKafka(brokers, 'chaos-poison-check', QUIET);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadLettered = await findDeadLetters(brokers, placed);
    let passed = 0;
    for (const poison of placed) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [poison.topic] });
      const partition = committed.partitions.find((entry) => entry.partition === poison.partition);
      if (partition && BigInt(partition.offset) > BigInt(poison.offset)) passed += 1;
    }
    return { deadLettered, passed, placed: placed.length };
  } finally {
    await admin.disconnect();
  }
}

/** Reads the dead-letter topic (one partition) from the start up to its current end. */
async function findDeadLetters(
  brokers: string,
  placed: readonly PlacedPoison[],
): Promise<PoisonOutcome['deadLettered']> {
  const kafka = createKafka(brokers, 'chaos-dead-letter-reader', QUIET);
  const admin = kafka.admin();
  await admin.connect();
  const [end] = await admin.fetchTopicOffsets(DEAD_LETTER_TOPIC);
  await admin.disconnect();
  const found: PoisonOutcome['deadLettered'] = [];
  const endOffset = BigInt(end?.high ?? '0');
  if (endOffset === 0n) return found;
  // A throwaway group: the reader commits nothing anyone else relies on.
  const consumer = kafka.consumer({ groupId: `chaos-dead-letter-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: DEAD_LETTER_TOPIC, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('dead-letter topic not read within 30 s')), 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          const source = {
            topic: headerText(message.headers, 'dead-letter-source-topic'),
            partition: Number(headerText(message.headers, 'dead-letter-source-partition')),
            offset: headerText(message.headers, 'dead-letter-source-offset'),
          };
          const poison = placed.find(
            (candidate) =>
              candidate.topic === source.topic &&
              candidate.partition === source.partition &&
              candidate.offset === source.offset,
          );
          const reason = headerText(message.headers, 'dead-letter-reason') ?? '';
          if (poison) found.push({ ...poison, reason });
          if (BigInt(message.offset) + 1n >= endOffset) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value)?.toString('utf8');
}
