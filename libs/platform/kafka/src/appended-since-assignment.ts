/**
 * Which records of an assigned partition were appended after this member was given it, and were never
 * handed to this process's handler before. No earlier owner of the partition, nor an earlier run of this
 * process, can have handled those: the previous owner gave the partition up before the assignment, and a
 * crashed run is gone. A handler may act on them in ways it could not repeat safely for records handled
 * before (e.g. send first, store after).
 *
 * The first batch fetched after an assignment sets the mark: its high watermark, the end of the log when
 * the broker answered. Every record of that batch is before it; later records at or past it are new. A
 * record this process handed on before is never new again, whatever the mark: a batch fetched before a
 * rejoin and handled after it sets the mark from an end of the log older than records handled before the
 * rejoin (which are then read again), and a batch whose handler failed is read again in the same
 * generation.
 */
export class AppendedSinceAssignment {
  private readonly marks = new Map<string, bigint>();
  /** Per partition, the offset after the last record handed on; kept across generations. */
  private readonly handedUpTo = new Map<string, bigint>();

  /** A new generation of the group: every partition's mark is taken again. */
  reset(): void {
    this.marks.clear();
  }

  /** The first offset of the partition appended since its assignment, given a fetched batch's high watermark. */
  firstNewOffset(topic: string, partition: number, highWatermark: string): bigint {
    const key = `${topic}:${partition}`;
    let mark = this.marks.get(key);
    if (mark === undefined) {
      mark = BigInt(highWatermark);
      this.marks.set(key, mark);
    }
    const handed = this.handedUpTo.get(key) ?? 0n;
    return mark > handed ? mark : handed;
  }

  /** The records of the partition up to `lastOffset` go to the handler now. */
  handedOn(topic: string, partition: number, lastOffset: string): void {
    const key = `${topic}:${partition}`;
    const next = BigInt(lastOffset) + 1n;
    if (next > (this.handedUpTo.get(key) ?? 0n)) this.handedUpTo.set(key, next);
  }
}
