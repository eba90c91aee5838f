import { WakeLoop } from '@validity/platform/background';
import type { TopicPartitionOffset } from './partition-end-offsets';

/**
 * A consumer's offset commits, at most one request per interval for every partition it handled since
 * the last one. Every offset handed here is already safe to commit (each record before it is durable), so
 * committing later or not at all only means re-reading: a crash, a rebalance or a failed commit re-reads
 * at most an interval of handled records, which the consumer must already handle idempotently. While
 * nothing was committed for an interval, an offset goes at once.
 */
export class CoalescedCommits {
  private readonly pending = new Map<string, TopicPartitionOffset>();
  private readonly loop: WakeLoop;
  private lastPassAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private passing = false;

  constructor(
    private readonly commit: (offsets: TopicPartitionOffset[]) => Promise<void>,
    private readonly intervalMs: number,
    /** Told of each partition whose offset a pass committed. */
    private readonly committed: (topic: string, partition: number) => void,
    onError: (error: unknown) => void,
  ) {
    this.loop = new WakeLoop({ pass: () => this.pass(), onError, retryAfterMs: intervalMs });
    this.loop.start();
  }

  /** Records up to `offset` (exclusive) of the partition are handled: commit it with the next pass. */
  add(topic: string, partition: number, offset: string): void {
    this.pending.set(`${topic}:${partition}`, { topic, partition, offset });
    this.schedule();
  }

  /** Takes what waits for a pass, for a caller that commits it itself. */
  take(): TopicPartitionOffset[] {
    const offsets = [...this.pending.values()];
    this.pending.clear();
    return offsets;
  }

  /**
   * Forgets what waits (a new generation of the group: the consumer reads on from the committed offsets,
   * and a partition may have gone to another member).
   */
  clear(): void {
    this.pending.clear();
  }

  /** Commits what waits now, and resolves once no pass runs. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.loop.wake();
    await this.loop.settled();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.loop.stop();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.passing) return;
    const wait = this.lastPassAt + this.intervalMs - performance.now();
    if (wait <= 0) return this.loop.wake();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.loop.wake();
    }, wait);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    this.passing = true;
    try {
      await this.commitPending();
    } finally {
      this.passing = false;
      // What was handled while this pass ran waits for the interval, counted from this pass.
      if (this.pending.size > 0) this.schedule();
    }
  }

  private async commitPending(): Promise<void> {
    if (this.pending.size === 0) return;
    this.lastPassAt = performance.now();
    const offsets = this.take();
    try {
      await this.commit(offsets);
    } catch (error) {
      for (const offset of offsets) {
        const key = `${offset.topic}:${offset.partition}`;
        if (!this.pending.has(key)) this.pending.set(key, offset);
      }
      throw error;
    }
    for (const { topic, partition } of offsets) this.committed(topic, partition);
  }
}
