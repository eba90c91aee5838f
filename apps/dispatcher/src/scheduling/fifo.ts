/**
 * Taken from the front without moving the rest: the claim-ahead queues hold up to 20,000 claims of a
 * burst, and `Array.prototype.shift` on an array that long moved every element left (V8 trims the
 * front in place only in some cases): 2.5-4.5 µs per claim taken at 10,000-20,000 claims, 4 % of the
 * dispatcher's busy time in the dispatch benchmark (docs/performance.md, "Round ten: dispatch CPU per
 * delivery"). The taken front is cut off once it is half the array, so each element is copied at most
 * about once more.
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item, or undefined when empty. */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    // Let the taken item be collected while the rest waits.
    (this.items as Array<T | undefined>)[this.head] = undefined;
    this.head += 1;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes every item and returns them, oldest first. */
  takeAll(): T[] {
    const all = this.head === 0 ? this.items : this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return all;
  }

  /** Removes the items `remove` accepts and returns them, oldest first; the others keep their order. */
  removeWhere(remove: (item: T) => boolean): T[] {
    const kept: T[] = [];
    const removed: T[] = [];
    for (let index = this.head; index < this.items.length; index += 1) {
      const item = this.items[index];
      if (remove(item)) removed.push(item);
      else kept.push(item);
    }
    this.items = kept;
    this.head = 0;
    return removed;
  }
}

/** Below this many taken items the front is left in place: cutting it would cost more than it saves. */
const COMPACT_AFTER = 1_024;
