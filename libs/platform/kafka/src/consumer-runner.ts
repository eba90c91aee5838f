import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { EventLoopSlices } from '@validity/platform/background';
import { DEAD_LETTER_HEADERS, DEAD_LETTER_TOPIC, type KafkaRecord } from '@validity/contracts';
import type { EventProducer } from './event-producer';
import type { TopicPartitionOffset } from './partition-end-offsets';
import { CoalescedCommits } from './coalesced-commits';
import { KAFKA_RETRY } from './kafka-client';
import { PermanentFailure } from './permanent-failure';
import type { RecordDecoder } from './record-decoder';
import { SkippedTopics, type TopicsToSkip } from './skipped-topics';
import { AppendedSinceAssignment } from './appended-since-assignment';
import { DurableOffsets } from './durable-offsets';

/** After a crash kafkajs does not restart: the first rejoin waits this long, each next one twice as long. */
const REJOIN_FIRST_DELAY_MS = 300;
const REJOIN_MAX_DELAY_MS = 30_000;
/**
 * At a graceful stop, how long handed-on batches may take to become durable before the last commit; what
 * is not durable by then is read again after the restart.
 */
const STOP_DURABLE_WAIT_MS = 10_000;

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  record: KafkaRecord;
  /** The record's timestamp in epoch ms: its producer's clock (the broker's with `LogAppendTime`). */
  timestampMs: number;
  /**
   * Batch mode: the record was appended after this member was assigned its partition and was never handed
   * to this process's handler before, so no earlier owner, earlier run or earlier try can have handled it
   * (`AppendedSinceAssignment`). False in record mode.
   */
  appendedSinceAssignment: boolean;
}

export interface DecodedRecord<T> {
  value: T;
  consumed: ConsumedRecord;
}

/** One record at a time, or a whole fetched batch at once (one transaction and one commit per batch). */
type ConsumerHandler<T> =
  | {
      /** Must resolve only once the record's effect is durable: the offset is committed right after. */
      handle: (value: T, consumed: ConsumedRecord) => Promise<void>;
      handleBatch?: never;
    }
  | {
      /**
       * Gets every decodable record of the batches of one fetch (each partition's in order, one batch
       * after another) and must resolve only once all their effects are durable: each batch's last offset
       * is committed right after. A rejection retries every one of those batches, so the handler must be
       * idempotent per record. With coalesced commits it may instead resolve once the records are handed
       * on, with `durable`: the batches' offsets are committed once it resolves (and every earlier batch of
       * each partition is durable), so the next fetch need not wait for the effects.
       */
      handleBatch: (records: DecodedRecord<T>[]) => Promise<void | HandedOnBatch>;
      handle?: never;
    };

/** A batch whose records the handler handed on: `durable` resolves once all their effects are durable. */
export interface HandedOnBatch {
  durable: Promise<void>;
}

export type ConsumerRunnerOptions<T> = ConsumerHandler<T> & {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  decode: RecordDecoder<T>;
  deadLetter: EventProducer;
  deadLetterTopic?: string;
  /** A new group starts at the earliest offset so no event published before it joined is missed. */
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  /** How long the group waits for a silent member (a killed process) before moving its partitions. */
  sessionTimeoutMs?: number;
  /**
   * How long a fetch waits at the broker for a first record (kafkajs's default is 5 s). A fetch names the
   * partitions not paused when it is sent, so a topic resumed meanwhile is first fetched when it returns.
   */
  maxWaitTimeMs?: number;
  /** Topics of `topics` not to fetch while their records would all be dropped (see `SkippedTopics`). */
  skip?: { topics: TopicsToSkip; warn: (line: string) => void };
  /**
   * Batch mode only: commit handled batches at most once per `intervalMs`, all partitions in one request,
   * instead of each batch with its own request before the next fetch (see `CoalescedCommits`). For a
   * handler whose effects are idempotent per record, as batch mode requires: a crash or a rebalance
   * re-reads up to that long of handled records.
   */
  coalesceCommits?: { intervalMs: number; warn: (line: string) => void };
};

/**
 * Runs a consumer group with explicit commits: an offset is committed only after its record was handled
 * (durable) or dead-lettered, so a crash redelivers what was not finished and never skips it. Records
 * that cannot be decoded, or whose handler throws `PermanentFailure`, go to the dead-letter topic with
 * the reason and the partition moves on; any other handler error is retried from the failed record.
 * In batch mode (`handleBatch`) a fetched batch is handled and committed as one unit.
 */
export class ConsumerRunner<T> {
  private skipped: SkippedTopics | undefined;
  private commits: CoalescedCommits | undefined;
  /** Handed-on batches whose offsets wait for their effects to be durable (with coalesced commits). */
  private durable: DurableOffsets | undefined;
  private readonly appended = new AppendedSinceAssignment();
  /** Once set, a handled batch commits itself (and whatever waits) before kafkajs leaves the group. */
  private stopping = false;
  /** Batch mode: the batches being decoded side by side, to be handed over together. */
  private forming: FetchGroup<T> | undefined;

  private constructor(
    private readonly consumer: Consumer,
    private readonly options: ConsumerRunnerOptions<T>,
  ) {}

  static async start<T>(options: ConsumerRunnerOptions<T>): Promise<ConsumerRunner<T>> {
    const consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 5_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { ...KAFKA_RETRY, restartOnFailure: async () => true },
    });
    const runner = new ConsumerRunner(consumer, options);
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
    if (options.skip) {
      const { topics, warn } = options.skip;
      runner.skipped = new SkippedTopics(options.kafka, consumer, options.topics, topics, (error) =>
        warn(`skipped topics: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    if (options.coalesceCommits && options.handleBatch) {
      const { intervalMs, warn } = options.coalesceCommits;
      const commits = new CoalescedCommits(
        (offsets) => consumer.commitOffsets(offsets),
        intervalMs,
        (topic, partition) => runner.skipped?.consumed(topic, partition),
        (error) => warn(`offset commit: ${error instanceof Error ? error.message : String(error)}`),
      );
      runner.durable = new DurableOffsets((topic, partition, offset) =>
        commits.add(topic, partition, offset),
      );
      runner.commits = commits;
    }
    // A new generation reads on from the committed offsets; what waited may belong to another member.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      runner.commits?.clear();
      runner.durable?.clear();
      runner.appended.reset();
    });
    // kafkajs restarts a crashed consumer only after an error it counts as retriable; after any other
    // (a broker lookup while the connections are being reset: "Broker not connected") it stays disconnected
    // for good, and the service would consume nothing until restarted (`npm run chaos -- --starve-cpu`,
    // network-reset). Such a crash rejoins the group here instead.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) void runner.rejoin();
    });
    await runner.run();
    return runner;
  }

  private run(): Promise<void> {
    return this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  /** Connects and runs the consumer again after a crash kafkajs gave up on, until it runs or `stop`. */
  private async rejoin(): Promise<void> {
    const logger = this.options.kafka.logger().namespace('ConsumerRunner');
    for (let attempt = 0; !this.stopping; attempt += 1) {
      await sleep(Math.min(REJOIN_MAX_DELAY_MS, REJOIN_FIRST_DELAY_MS * 2 ** attempt));
      if (this.stopping) return;
      try {
        await this.consumer.connect();
        if (this.stopping) return;
        await this.run();
        logger.warn('rejoined the group after a crash kafkajs does not restart', {
          groupId: this.options.groupId,
        });
        return;
      } catch (error) {
        logger.warn('rejoining the group failed; trying again', {
          groupId: this.options.groupId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  /**
   * Finishes the record in hand, commits it (and every handled batch, once durable, waiting up to
   * `STOP_DURABLE_WAIT_MS` for handed-on ones), and leaves the group.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.skipped?.stop();
    if (this.durable) await settledWithin(this.durable.settled(), STOP_DURABLE_WAIT_MS);
    await this.commits?.flush();
    await this.consumer.disconnect();
    await this.commits?.stop();
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    if (this.options.handleBatch) return this.processWholeBatch(payload, this.options.handleBatch);
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    let lastDone: string | undefined;
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        await this.processRecord(consumedRecord(batch.topic, batch.partition, message, false));
        resolveOffset(message.offset);
        lastDone = message.offset;
        await heartbeat();
      }
    } finally {
      if (lastDone !== undefined) {
        const next = (BigInt(lastDone) + 1n).toString();
        await commitOffsetsIfNecessary({
          topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
        });
        this.skipped?.consumed(batch.topic, batch.partition);
      }
    }
  }

  private async processWholeBatch(
    payload: EachBatchPayload,
    handleBatch: (records: DecodedRecord<T>[]) => Promise<void | HandedOnBatch>,
  ): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    if (!isRunning() || isStale()) return;
    const firstNew = this.appended.firstNewOffset(batch.topic, batch.partition, batch.highWatermark);
    const last = batch.messages.at(-1);
    if (last === undefined) return;
    this.appended.handedOn(batch.topic, batch.partition, last.offset);
    const group = this.joinFetchGroup(handleBatch);
    const decoded: DecodedRecord<T>[] = [];
    try {
      // A fetch of thousands of records takes tens of ms to decode: in slices, so the service's other
      // I/O (the dispatcher's requests and their answers) goes on meanwhile.
      const slices = new EventLoopSlices();
      for (const message of batch.messages) {
        if (slices.due()) await slices.yield();
        const consumed = consumedRecord(
          batch.topic,
          batch.partition,
          message,
          BigInt(message.offset) >= firstNew,
        );
        const outcome = this.options.decode(consumed.record);
        if (outcome.ok) decoded.push({ value: outcome.value, consumed });
        else await this.deadLetter(consumed, outcome.reason, outcome.message);
      }
      for (const record of decoded) group.records.push(record);
    } finally {
      this.decodedIn(group);
    }
    const handedOn = await group.handled;
    resolveOffset(last.offset);
    const next = (BigInt(last.offset) + 1n).toString();
    if (this.durable) {
      this.durable.add(batch.topic, batch.partition, next, handedOn?.durable ?? Promise.resolve());
      if (this.stopping) {
        // Stopping: what is durable by then, this batch included, is committed now, and what is not is
        // read again after the restart (waiting for it without end would hold the stop for as long as,
        // say, the database is down).
        await settledWithin(this.durable.settled(), STOP_DURABLE_WAIT_MS);
        await this.commitNow(commitOffsetsIfNecessary, this.commits?.take() ?? []);
      }
    } else {
      await handedOn?.durable;
      await this.commitNow(commitOffsetsIfNecessary, [
        { topic: batch.topic, partition: batch.partition, offset: next },
      ]);
    }
    await heartbeat();
  }

  private async commitNow(
    commit: EachBatchPayload['commitOffsetsIfNecessary'],
    offsets: readonly TopicPartitionOffset[],
  ): Promise<void> {
    if (offsets.length === 0) return;
    await commit({ topics: byTopic(offsets) });
    for (const { topic, partition } of offsets) this.skipped?.consumed(topic, partition);
  }

  /**
   * kafkajs hands each partition of a fetch over as its own batch, a few side by side
   * (`partitionsConsumedConcurrently`). At a low rate a fetch carries an event or two per partition, and a
   * handler call per batch cost the dispatcher an insert statement each (PostgreSQL's fixed ~1 ms, a round
   * trip). So the batches that start while a group is forming join it, and the group is handed over once
   * none of them is decoding any more and a turn of the event loop brought no other batch: the batches of
   * one fetch start in one turn, and decoding in slices spreads them over several.
   */
  private joinFetchGroup(
    handleBatch: (records: DecodedRecord<T>[]) => Promise<void | HandedOnBatch>,
  ): FetchGroup<T> {
    if (this.forming === undefined) {
      let handOver!: () => void;
      const ready = new Promise<void>((resolve) => (handOver = resolve));
      const group: FetchGroup<T> = {
        records: [],
        decoding: 0,
        handOver,
        handled: ready.then(() => (group.records.length > 0 ? handleBatch(group.records) : undefined)),
      };
      this.forming = group;
    }
    this.forming.decoding += 1;
    return this.forming;
  }

  private decodedIn(group: FetchGroup<T>): void {
    group.decoding -= 1;
    if (group.decoding > 0) return;
    setImmediate(() => {
      if (group.decoding > 0 || this.forming !== group) return;
      this.forming = undefined;
      group.handOver();
    });
  }

  private async processRecord(consumed: ConsumedRecord): Promise<void> {
    const decoded = this.options.decode(consumed.record);
    if (!decoded.ok) return this.deadLetter(consumed, decoded.reason, decoded.message);
    try {
      await this.options.handle?.(decoded.value, consumed);
    } catch (error) {
      if (error instanceof PermanentFailure) return this.deadLetter(consumed, error.reason, error.message);
      throw error;
    }
  }

  private async deadLetter(consumed: ConsumedRecord, reason: string, message: string): Promise<void> {
    await this.options.deadLetter.send(this.options.deadLetterTopic ?? DEAD_LETTER_TOPIC, [
      {
        key: consumed.record.key?.toString('utf8') ?? '',
        value: consumed.record.value ?? Buffer.alloc(0),
        headers: {
          ...stringHeaders(consumed.record.headers),
          [DEAD_LETTER_HEADERS.reason]: reason,
          [DEAD_LETTER_HEADERS.message]: message,
          [DEAD_LETTER_HEADERS.sourceTopic]: consumed.topic,
          [DEAD_LETTER_HEADERS.sourcePartition]: String(consumed.partition),
          [DEAD_LETTER_HEADERS.sourceOffset]: consumed.offset,
          [DEAD_LETTER_HEADERS.consumerGroup]: this.options.groupId,
        },
      },
    ]);
  }
}

/** Batch mode: the decoded records of batches handed to `handleBatch` in one call (`joinFetchGroup`). */
interface FetchGroup<T> {
  records: DecodedRecord<T>[];
  /** Batches of the group still decoding: it is handed over once none is. */
  decoding: number;
  handOver: () => void;
  /** Settles with the handler's call for the whole group. */
  handled: Promise<void | HandedOnBatch>;
}

/** A fetched kafkajs message as the handlers see it. */
export function consumedRecord(
  topic: string,
  partition: number,
  message: KafkaMessage,
  appendedSinceAssignment: boolean,
): ConsumedRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    record: { key: message.key ?? null, value: message.value ?? null, headers: message.headers ?? {} },
    timestampMs: Number(message.timestamp),
    appendedSinceAssignment,
  };
}

/** Waits for `settled`, at most `ms`. */
async function settledWithin(settled: Promise<void>, ms: number): Promise<void> {
  const timer = new AbortController();
  await Promise.race([settled, sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined)]);
  timer.abort();
}

function byTopic(
  offsets: readonly TopicPartitionOffset[],
): Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> {
  const topics = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const { topic, partition, offset } of offsets) {
    const partitions = topics.get(topic) ?? [];
    partitions.push({ partition, offset });
    topics.set(topic, partitions);
  }
  return [...topics].map(([topic, partitions]) => ({ topic, partitions }));
}

function stringHeaders(headers: KafkaRecord['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}
