import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { PartitionLag } from './consumer-lag';
import { consumedRecord, type ConsumedRecord } from './consumer-runner';
import { PartitionEndOffsets } from './partition-end-offsets';

/**
 * How old the topic's partition list may be when a catch-up reads its ends: a partition added to the
 * topic is waited for (and, until the follower's consumer reads it, the catch-up times out) after at most
 * this long, for one Metadata request per interval while catch-ups are asked for.
 */
const PARTITIONS_MAX_AGE_MS = 10_000;

export interface CompactedTopicFollowerOptions {
  kafka: Kafka;
  topic: string;
  /** Prefix of the throw-away consumer group, e.g. `dispatcher-webhooks`. */
  groupPrefix: string;
  /**
   * Applies one record (a null value is a tombstone) to the local copy; `consumed` has its headers and
   * position, for checks such as the internal-record HMAC.
   */
  apply(key: Buffer | null, value: Buffer | null, consumed: ConsumedRecord): void;
}

/**
 * Keeps a local copy of a compacted topic (the topic is the state): reads it from the start with a
 * throw-away group and never commits. `catchUp` answers "does the copy hold everything published
 * before now?", which is what lets a service act on a change as soon as its producer confirmed it
 * (a webhook matches the next event, a new token works on its first request).
 */
export class CompactedTopicFollower {
  private consumer: Consumer | undefined;
  private admin: Admin | undefined;
  private endOffsets: PartitionEndOffsets | undefined;
  /** Per partition, the offset after the last record applied. */
  private readonly applied = new Map<number, bigint>();
  private readonly waiters = new Set<() => void>();
  /** The round reading end offsets or waiting now, and the one that starts after it. */
  private current: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly options: CompactedTopicFollowerOptions) {}

  /** Starts reading; use `catchUp` to wait for the copy to be complete. */
  async start(): Promise<void> {
    const { kafka, topic, groupPrefix, apply } = this.options;
    this.admin = kafka.admin();
    await this.admin.connect();
    this.endOffsets = new PartitionEndOffsets(kafka, { metadataMaxAgeMs: PARTITIONS_MAX_AGE_MS });
    this.consumer = kafka.consumer({ groupId: `${groupPrefix}-${randomUUID()}`, maxWaitTimeInMs: 500 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: ({ partition, message }) => {
        apply(message.key, message.value, consumedRecord(topic, partition, message, false));
        this.applied.set(partition, BigInt(message.offset) + 1n);
        for (const wake of this.waiters) wake();
        return Promise.resolve();
      },
    });
  }

  /**
   * Resolves once the copy holds every record the topic had when called; rejects after `timeoutMs`.
   * Concurrent callers share rounds, but a caller never joins a round whose end offsets were read
   * before it called: it waits for the next one (at most one round runs and one waits).
   */
  catchUp(timeoutMs: number): Promise<void> {
    if (!this.next) {
      const previous = this.current ?? Promise.resolve();
      const round: Promise<void> = previous
        .catch(() => undefined)
        .then(() => {
          this.current = round;
          this.next = undefined;
          return this.round(timeoutMs);
        });
      this.next = round;
      void round
        .catch(() => undefined)
        .then(() => {
          if (this.current === round) this.current = undefined;
        });
    }
    return this.next;
  }

  /** Records of each partition published but not applied to the local copy yet (none before `start`). */
  async lag(): Promise<PartitionLag[]> {
    if (!this.admin) return [];
    const { topic } = this.options;
    return (await this.admin.fetchTopicOffsets(topic)).map(({ partition, high, low }) => {
      const from = this.applied.get(partition) ?? BigInt(low);
      return { topic, partition, records: Math.max(0, Number(BigInt(high) - from)) };
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
    await this.endOffsets?.disconnect();
  }

  /**
   * A round is one ListOffsets request (the ends only, on metadata of up to PARTITIONS_MAX_AGE_MS): the
   * dispatcher asks for one before matching each consumed batch, and kafkajs's admin spent a Metadata
   * request and a second ListOffsets (the starts) on each, three round trips on the way of every event.
   */
  private async round(timeoutMs: number): Promise<void> {
    const offsets = await this.endOffsets!.readTopic(this.options.topic);
    const targets = offsets
      .map((offset) => [offset.partition, BigInt(offset.offset)] as const)
      .filter(([, high]) => high > 0n);
    const isCaughtUp = () =>
      targets.every(([partition, high]) => (this.applied.get(partition) ?? 0n) >= high);
    if (isCaughtUp()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!isCaughtUp()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`still behind ${this.options.topic} after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }
}
