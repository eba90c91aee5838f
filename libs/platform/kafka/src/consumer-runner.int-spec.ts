import { logLevel } from 'kafkajs';
import {
  buildAsyncApiDocument,
  DEAD_LETTER_TOPIC,
  encodeEnvelope,
  type DecodedEnvelope,
  type NetBoxEnvelope,
} from '@validity/contracts';
import { checkKafkaRecord } from '@validity/schema-testing';
import { countKafkaRequests, readTopic, testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { createKafka } from './kafka-client';
import { ensureTopics } from './ensure-topics';
import { EventProducer } from './event-producer';
import { ConsumerRunner } from './consumer-runner';
import { envelopeDecoder } from './record-decoder';
import { PermanentFailure } from './permanent-failure';

const { kafkaBrokers } = testInfrastructure();
const kafka = createKafka(testInfrastructure().kafka, 'consumer-runner-spec', { logLevel: logLevel.NOTHING });

function reportEnvelope(id: number): NetBoxEnvelope {
  return {
    event: 'created',
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    model: 'compliancereport',
    username: 'admin',
    request_id: null,
    data: { id, display: `report-${id}` },
    snapshots: { prechange: null, postchange: null },
  };
}

function reportMessage(id: number) {
  return encodeEnvelope(reportEnvelope(id), { objectType: 'validity.compliancereport', objectId: id })
    .message;
}

async function createTopics(...names: string[]): Promise<void> {
  await ensureTopics(
    kafkaBrokers,
    names.map((name) => ({
      name,
      partitions: 1,
      cleanupPolicy: 'delete',
      producer: 'reports',
      public: false,
    })),
  );
}

describe('ConsumerRunner on a real broker', () => {
  let producer: EventProducer;

  /** `envelopeDecoder` taking 0.5 ms a record (a fetch of thousands takes the dispatcher tens of ms). */
  function slowDecoder(onRecord: () => void = () => undefined): typeof envelopeDecoder {
    return (record) => {
      onRecord();
      const until = performance.now() + 0.5;
      while (performance.now() < until);
      return envelopeDecoder(record);
    };
  }

  /** The report ids of each call of a batch-mode runner's handler, until `expected` records arrived. */
  async function handlerCalls(
    topic: string,
    expected: number,
    decode: typeof envelopeDecoder,
    partitionsConsumedConcurrently: number,
    onCall: () => void = () => undefined,
  ): Promise<number[][]> {
    const calls: number[][] = [];
    const runner = await ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId: uniqueName('group'),
      topics: [topic],
      decode,
      deadLetter: producer,
      partitionsConsumedConcurrently,
      handleBatch: (records) => {
        onCall();
        calls.push(records.map((record) => record.value.envelope.data.id as number));
        return Promise.resolve();
      },
    });
    await waitFor('all records', () => (calls.flat().length >= expected ? true : undefined), 30_000);
    await runner.stop();
    return calls;
  }

  /** A batch-mode runner with coalesced commits whose handler hands its batches on (`handleBatch`). */
  function handingOnRunner(
    groupId: string,
    topic: string,
    handleBatch: NonNullable<Parameters<typeof ConsumerRunner.start<DecodedEnvelope>>[0]['handleBatch']>,
  ): Promise<ConsumerRunner<DecodedEnvelope>> {
    return ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId,
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      maxWaitTimeMs: 100,
      coalesceCommits: { intervalMs: 50, warn: () => undefined },
      handleBatch,
    });
  }

  /** The group's committed offset of the topic's first partition (`-1`: none). */
  async function committedOffset(groupId: string, topic: string): Promise<string> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions[0].offset;
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    producer = await EventProducer.connect(kafka);
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  it('talks to a real Apache Kafka broker (cluster id and broker protocol version)', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(cluster.brokers).toHaveLength(1);
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: 4 /* BROKER */, name: String(cluster.brokers[0].nodeId), configNames: ['process.roles'] },
        ],
      });
      expect(configs.resources[0].configEntries[0].configValue).toBe('broker,controller');
    } finally {
      await admin.disconnect();
    }
  });

  it('does not redeliver committed records after a restart, and redelivers the uncommitted ones', async () => {
    const topic = uniqueName('runner_restart');
    const deadLetterTopic = uniqueName('runner_restart_dlq');
    const groupId = uniqueName('group');
    await createTopics(topic, deadLetterTopic);
    await producer.send(topic, [1, 2, 3, 4, 5, 6].map(reportMessage));

    const firstRun: number[] = [];
    let failedOnFour = false;
    const first = await ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId,
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      deadLetterTopic,
      handle: (decoded) => {
        const id = decoded.envelope.data.id as number;
        if (id === 4) {
          failedOnFour = true;
          return Promise.reject(new Error('database unavailable'));
        }
        firstRun.push(id);
        return Promise.resolve();
      },
    });
    await waitFor('the handler to fail on record 4', () => (failedOnFour ? true : undefined));
    await first.stop();
    expect(firstRun).toEqual([1, 2, 3]);

    const secondRun: number[] = [];
    const second = await ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId,
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      deadLetterTopic,
      handle: (decoded) => {
        secondRun.push(decoded.envelope.data.id as number);
        return Promise.resolve();
      },
    });
    await waitFor('records 4-6 after the restart', () => (secondRun.length >= 3 ? true : undefined));
    await second.stop();
    expect(secondRun).toEqual([4, 5, 6]);
  });

  /**
   * Records 1 and 2 through a runner whose handler fails an attempt when `failure` returns an error;
   * answers every attempt's record id once record 2 was handled.
   */
  async function attemptsUntilRecord2(prefix: string, failure: (attempts: number[]) => Error | null) {
    const topic = uniqueName(prefix);
    await createTopics(topic);
    await producer.send(topic, [1, 2].map(reportMessage));
    const attempts: number[] = [];
    const runner = await ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId: uniqueName('group'),
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      handle: (decoded) => {
        attempts.push(decoded.envelope.data.id as number);
        const error = failure(attempts);
        return error ? Promise.reject(error) : Promise.resolve();
      },
    });
    await waitFor('record 2', () => (attempts.includes(2) ? true : undefined), 30_000);
    await runner.stop();
    return attempts;
  }

  it('retries a failing record in place until it succeeds, without skipping it', async () => {
    const attempts = await attemptsUntilRecord2('runner_retry', (seen) =>
      seen.at(-1) === 1 && seen.filter((id) => id === 1).length < 3 ? new Error('transient') : null,
    );
    expect(attempts).toEqual([1, 1, 1, 2]);
  });

  it('rejoins the group after a crash kafkajs does not restart, and handles every record', async () => {
    // kafkajs gives up on a consumer whose error is not retriable ("Broker not connected" while the
    // connections are reset); a handler's error marked so crashes it the same way.
    const attempts = await attemptsUntilRecord2('runner_crash', (seen) =>
      seen.length === 1 ? Object.assign(new Error('not retriable'), { retriable: false }) : null,
    );
    expect(attempts).toEqual([1, 1, 2]);
  });

  it('in batch mode hands over a fetched batch at once, retries it whole, and commits its last offset', async () => {
    const topic = uniqueName('runner_batch');
    const deadLetterTopic = uniqueName('runner_batch_dlq');
    const groupId = uniqueName('group');
    await createTopics(topic, deadLetterTopic);
    await producer.send(topic, [
      reportMessage(1),
      reportMessage(2),
      { ...reportMessage(3), value: Buffer.from('{not json') },
      reportMessage(4),
    ]);

    const batches: number[][] = [];
    const runner = await ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId,
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      deadLetterTopic,
      handleBatch: (records) => {
        batches.push(records.map((record) => record.value.envelope.data.id as number));
        return batches.length === 1 ? Promise.reject(new Error('database unavailable')) : Promise.resolve();
      },
    });
    await waitFor('the retried batch', () => (batches.length >= 2 ? true : undefined), 30_000);
    await runner.stop();
    expect(batches).toEqual([
      [1, 2, 4],
      [1, 2, 4],
    ]);

    const [deadLetter] = await readTopic(kafka, deadLetterTopic, 1);
    expect(deadLetter.headers['dead-letter-reason']).toBe('invalid-json');
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets.partitions[0].offset).toBe('4');
    } finally {
      await admin.disconnect();
    }
  });

  it('in batch mode decodes a large batch in slices, so the event loop runs meanwhile', async () => {
    const topic = uniqueName('runner_slices');
    await createTopics(topic);
    await producer.send(
      topic,
      Array.from({ length: 40 }, (_, index) => reportMessage(index + 1)),
    );

    // 20 ms for the batch, ten slices of the event loop's time: a timer set when the first record is
    // decoded fires before the handler has the batch only if the decoding let the event loop run.
    let timerFired = false;
    let firedBeforeHandler: boolean | undefined;
    let firstDecode = true;
    const decode = slowDecoder(() => {
      if (!firstDecode) return;
      firstDecode = false;
      setTimeout(() => (timerFired = true), 0);
    });
    await handlerCalls(topic, 40, decode, 1, () => (firedBeforeHandler ??= timerFired));
    expect(firedBeforeHandler).toBe(true);
  });

  it('in batch mode hands the batches of one fetch over in one call, each partition in order, while decoding in slices', async () => {
    const topic = uniqueName('runner_fetch_group');
    await ensureTopics(kafkaBrokers, [
      { name: topic, partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: false },
    ]);
    const partitioned = kafka.producer();
    await partitioned.connect();
    try {
      await partitioned.send({
        topic,
        messages: Array.from({ length: 60 }, (_, index) => ({
          ...reportMessage(index + 1),
          partition: index % 3,
        })),
      });
    } finally {
      await partitioned.disconnect();
    }

    // Each partition's 20 records take 10 ms, several slices, so its batch is decoded over turns in which
    // the others are too.
    const calls = await handlerCalls(topic, 60, slowDecoder(), 3);
    expect(calls).toHaveLength(1);
    for (const partition of [0, 1, 2]) {
      const ids = calls[0].filter((id) => (id - 1) % 3 === partition);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(ids).toHaveLength(20);
    }
  });

  it('in batch mode with coalesced commits, commits many batches of several partitions in one request, and all at stop', async () => {
    const topic = uniqueName('runner_coalesced');
    const groupId = uniqueName('group');
    await ensureTopics(kafkaBrokers, [
      { name: topic, partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: false },
    ]);
    const clientId = uniqueName('coalesced_commits');
    const counted = createKafka(testInfrastructure().kafka, clientId, { logLevel: logLevel.NOTHING });
    const requests = countKafkaRequests(clientId);
    const handled: number[] = [];
    const partitioned = kafka.producer();
    await partitioned.connect();
    const runner = await ConsumerRunner.start<DecodedEnvelope>({
      kafka: counted,
      groupId,
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      maxWaitTimeMs: 100,
      // Longer than the spec: after the first commit, nothing is committed before the stop.
      coalesceCommits: { intervalMs: 600_000, warn: () => undefined },
      handleBatch: (records) => {
        handled.push(...records.map((record) => record.value.envelope.data.id as number));
        return Promise.resolve();
      },
    });
    try {
      // One record at a time, each its own batch, over the three partitions.
      for (let id = 1; id <= 9; id += 1) {
        await partitioned.send({ topic, messages: [{ ...reportMessage(id), partition: id % 3 }] });
        await waitFor(`record ${id}`, () => (handled.includes(id) ? true : undefined));
      }
      // Committed each batch with its own request before fetching on: nine.
      expect(requests.sentBy('OffsetCommit')).toBeLessThanOrEqual(1);
      await runner.stop();
      expect(requests.sentBy('OffsetCommit')).toBeLessThanOrEqual(2);
    } finally {
      requests.restore();
      await partitioned.disconnect();
    }

    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets.partitions.map(({ partition, offset }) => [partition, offset]).sort()).toEqual([
        [0, '3'],
        [1, '3'],
        [2, '3'],
      ]);
    } finally {
      await admin.disconnect();
    }
  });

  it('in batch mode tells records appended since the assignment, and commits a handed-on batch once durable, in order', async () => {
    const topic = uniqueName('runner_handed_on');
    const groupId = uniqueName('group');
    await createTopics(topic);
    await producer.send(topic, [reportMessage(1), reportMessage(2)]);
    const appended = new Map<number, boolean>();
    const durable = new Map<number, () => void>();
    const runner = await handingOnRunner(groupId, topic, (records) => {
      for (const { value, consumed } of records)
        appended.set(value.envelope.data.id as number, consumed.appendedSinceAssignment);
      const id = records.at(-1)!.value.envelope.data.id as number;
      return Promise.resolve({ durable: new Promise<void>((resolve) => durable.set(id, resolve)) });
    });
    const committed = () => committedOffset(groupId, topic);
    try {
      await waitFor('the records there before the assignment', () => (durable.has(2) ? true : undefined));
      await producer.send(topic, [reportMessage(3)]);
      await waitFor('a record appended after it', () => (durable.has(3) ? true : undefined));
      await producer.send(topic, [reportMessage(4)]);
      await waitFor('another one', () => (durable.has(4) ? true : undefined));
      expect([...appended]).toEqual([
        [1, false],
        [2, false],
        [3, true],
        [4, true],
      ]);

      // Handled, not durable: nothing committed; a later batch durable first waits for the earlier one.
      durable.get(4)!();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await committed()).toBe('-1');
      durable.get(2)!();
      await waitFor('the first batch committed', async () =>
        (await committed()) === '2' ? true : undefined,
      );
      durable.get(3)!();
      await waitFor('all committed', async () => ((await committed()) === '4' ? true : undefined));
    } finally {
      for (const resolve of durable.values()) resolve();
      await runner.stop();
    }
  });

  it('in batch mode stops within its bound when a batch handed on at the stop never becomes durable, committing none of it', async () => {
    const topic = uniqueName('runner_stop_not_durable');
    const groupId = uniqueName('group');
    await createTopics(topic);
    await producer.send(topic, [reportMessage(1)]);
    let handed: (() => void) | undefined;
    // Held until the stop began; then handed on to an effect that never becomes durable (a database
    // that is down at shutdown).
    const runner = await handingOnRunner(
      groupId,
      topic,
      () =>
        new Promise((resolve) => (handed = () => resolve({ durable: new Promise<void>(() => undefined) }))),
    );
    await waitFor('the batch in the handler', () => (handed ? true : undefined));
    const stopped = runner.stop();
    handed!();
    const outcome = await Promise.race([
      stopped.then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still stopping'), 25_000)),
    ]);
    expect(outcome).toBe('stopped');
    expect(await committedOffset(groupId, topic)).toBe('-1');
  }, 40_000);

  it('dead-letters a malformed record and a permanent failure with their reasons, and moves on', async () => {
    const topic = uniqueName('runner_poison');
    const deadLetterTopic = uniqueName('runner_poison_dlq');
    const groupId = uniqueName('group');
    await createTopics(topic, deadLetterTopic);
    await producer.send(topic, [
      reportMessage(1),
      { ...reportMessage(2), value: Buffer.from('{not json') },
      reportMessage(3),
      reportMessage(4),
    ]);

    const handled: number[] = [];
    const runner = await ConsumerRunner.start<DecodedEnvelope>({
      kafka,
      groupId,
      topics: [topic],
      decode: envelopeDecoder,
      deadLetter: producer,
      deadLetterTopic,
      handle: (decoded) => {
        const id = decoded.envelope.data.id as number;
        if (id === 3) return Promise.reject(new PermanentFailure('unusable', 'report 3 cannot be delivered'));
        handled.push(id);
        return Promise.resolve();
      },
    });
    await waitFor('record 4', () => (handled.includes(4) ? true : undefined));
    await runner.stop();
    expect(handled).toEqual([1, 4]);

    const deadLetters = await readTopic(kafka, deadLetterTopic, 2);
    expect(deadLetters.map((record) => [record.key, record.headers['dead-letter-reason']])).toEqual([
      ['2', 'invalid-json'],
      ['3', 'unusable'],
    ]);
    expect(deadLetters[0].value?.toString()).toBe('{not json');
    expect(deadLetters[0].headers).toMatchObject({
      'dead-letter-source-topic': topic,
      'dead-letter-source-offset': '1',
      'dead-letter-consumer-group': groupId,
    });
    // What operators are promised in the AsyncAPI document (read as if on the real dead-letter topic).
    const document = buildAsyncApiDocument();
    for (const { key, value, headers } of deadLetters) {
      expect(checkKafkaRecord(document, { topic: DEAD_LETTER_TOPIC, key, value, headers })).toEqual([]);
    }

    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets.partitions[0].offset).toBe('4');
    } finally {
      await admin.disconnect();
    }
  });
});
