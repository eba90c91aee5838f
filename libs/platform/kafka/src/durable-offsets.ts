/**
 * The offsets of batches whose effects become durable later than the handler returns, and out of order
 * (a handler that hands its records on and reports them durable once they are written). A partition's
 * offset is passed on only once its batch and every earlier batch of the partition are durable, so a
 * commit never moves past a record whose effect could still be lost.
 */
export class DurableOffsets {
  private readonly partitions = new Map<string, Array<{ offset: string; durable: boolean }>>();
  private generation = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly ready: (topic: string, partition: number, offset: string) => void) {}

  /** Records up to `offset` (exclusive) of the partition are handled, and durable once `durable` resolves. */
  add(topic: string, partition: number, offset: string, durable: Promise<void>): void {
    const key = `${topic}:${partition}`;
    let queue = this.partitions.get(key);
    if (!queue) {
      queue = [];
      this.partitions.set(key, queue);
    }
    const entry = { offset, durable: false };
    queue.push(entry);
    const generation = this.generation;
    // A rejected one never becomes durable: its partition commits nothing more, and a restart or a
    // rebalance reads its records again.
    durable.then(
      () => {
        if (generation !== this.generation) return;
        entry.durable = true;
        this.advance(topic, partition, key);
      },
      () => undefined,
    );
  }

  /**
   * Forgets every batch (a new generation of the group: the consumer reads on from the committed
   * offsets, and a partition may have gone to another member).
   */
  clear(): void {
    this.generation += 1;
    this.partitions.clear();
    this.settle();
  }

  /** Resolves once every batch added so far was passed on (or forgotten by `clear`). */
  settled(): Promise<void> {
    if (this.partitions.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private advance(topic: string, partition: number, key: string): void {
    const queue = this.partitions.get(key);
    if (!queue) return;
    let last: string | undefined;
    while (queue.length > 0 && queue[0].durable) last = queue.shift()!.offset;
    if (last !== undefined) this.ready(topic, partition, last);
    if (queue.length === 0) {
      this.partitions.delete(key);
      if (this.partitions.size === 0) this.settle();
    }
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
