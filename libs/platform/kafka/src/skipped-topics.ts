import type { Consumer, Kafka } from 'kafkajs';
import { WakeLoop } from '@validity/platform/background';
import { PartitionEndOffsets } from './partition-end-offsets';

/**
 * Topics a consumer need not read because it would drop every record on them (the dispatcher: no webhook
 * can match them). The consumer stays subscribed to all of them, so a change costs no rebalance.
 */
export interface TopicsToSkip {
  /** The topics to skip now. */
  current(): ReadonlySet<string>;
  /**
   * Resolves once `current()` accounts for every change that happened before the call: a record
   * published before then on a topic it still names would have been dropped.
   */
  settled(): Promise<void>;
  /** Calls the listener after `current()` may have changed. */
  onChange(listener: () => void): void;
}

/** How often a skipped partition's committed offset follows its end (and how stale it may be). */
export const SKIPPED_OFFSETS_INTERVAL_MS = 5_000;

/**
 * Pauses the skipped topics in a kafkajs consumer, so its fetches leave their partitions out (kafkajs
 * fetches only assigned partitions that are not paused; a pause is kept per topic across rebalances, but
 * not across a restart of the consumer after a crash, so every join applies the whole set again). While a
 * topic is skipped, the committed offsets of its partitions assigned to this member follow their end
 * every few seconds, as if its records were consumed and dropped, so neither a restart, a rebalance nor a
 * later resume reads events from before the last pass. A pass reads the end offsets first and then waits
 * for `settled()`, so a partition moves past a record only if the topic was still skipped once every
 * change made before that record was known: what consuming and dropping it would have decided. A resumed
 * topic is read on from there (kafkajs's `seek` sets the position a fetch starts from, the commit is what
 * a restart or another member starts from).
 */
export class SkippedTopics {
  private readonly paused = new Set<string>();
  /** Partitions assigned to this member, from the last join. */
  private assignment = new Map<string, number[]>();
  private generation = 0;
  private joined = false;
  /** Per `topic:partition`, the offset this member last committed for it while skipped. */
  private readonly advanced = new Map<string, string>();
  private readonly loop: WakeLoop;
  private readonly endOffsets: PartitionEndOffsets;

  constructor(
    kafka: Kafka,
    private readonly consumer: Consumer,
    private readonly topics: readonly string[],
    private readonly toSkip: TopicsToSkip,
    private readonly onError: (error: unknown) => void,
  ) {
    this.endOffsets = new PartitionEndOffsets(kafka);
    this.loop = new WakeLoop({
      pass: () => this.advance(),
      intervalMs: SKIPPED_OFFSETS_INTERVAL_MS,
      onError: (error) => this.onError(error),
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // Runs synchronously after the assignment and before the first fetch of the new generation.
      this.assignment = new Map(Object.entries(payload.memberAssignment));
      this.generation += 1;
      this.advanced.clear();
      this.joined = true;
      this.apply({ again: true });
      this.loop.wake();
    });
    toSkip.onChange(() => this.apply());
    this.loop.start();
  }

  /**
   * A batch of a skipped topic was committed (it was fetched before the pause): the commit may have moved
   * the partition back, so the next pass commits its end again.
   */
  consumed(topic: string, partition: number): void {
    if (this.paused.has(topic)) this.advanced.delete(`${topic}:${partition}`);
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.endOffsets.disconnect();
  }

  /**
   * Pauses what is skipped now and resumes what no longer is; `again` pauses every skipped topic, for a
   * consumer that kafkajs restarted after a crash has none paused. kafkajs refuses both calls while it
   * restarts the consumer; the join that ends the restart applies the set again.
   */
  private apply({ again = false } = {}): void {
    if (!this.joined) return;
    const skip = this.toSkip.current();
    const pause: string[] = [];
    const resume: string[] = [];
    for (const topic of this.topics) {
      if (skip.has(topic) && (again || !this.paused.has(topic))) pause.push(topic);
      else if (!skip.has(topic) && this.paused.has(topic)) resume.push(topic);
    }
    try {
      if (pause.length > 0) {
        this.consumer.pause(pause.map((topic) => ({ topic })));
        for (const topic of pause) this.paused.add(topic);
        this.loop.wake();
      }
      if (resume.length > 0) {
        this.consumer.resume(resume.map((topic) => ({ topic })));
        for (const topic of resume) {
          this.paused.delete(topic);
          for (const partition of this.assignment.get(topic) ?? [])
            this.advanced.delete(`${topic}:${partition}`);
        }
      }
    } catch (error) {
      this.onError(error);
    }
  }

  private async advance(): Promise<boolean> {
    if (!this.joined) return false;
    const generation = this.generation;
    const partitions = new Map<string, number[]>();
    for (const topic of this.paused) {
      const assigned = this.assignment.get(topic);
      if (assigned !== undefined && assigned.length > 0) partitions.set(topic, assigned);
    }
    const ends = await this.endOffsets.read(partitions);
    await this.toSkip.settled();
    if (generation !== this.generation) return true;
    this.apply();
    const commits = ends.filter(
      ({ topic, partition, offset }) =>
        this.paused.has(topic) && this.advanced.get(`${topic}:${partition}`) !== offset,
    );
    if (commits.length === 0) return false;
    for (const commit of commits) this.consumer.seek(commit);
    await this.consumer.commitOffsets(commits);
    for (const { topic, partition, offset } of commits) this.advanced.set(`${topic}:${partition}`, offset);
    return false;
  }
}
