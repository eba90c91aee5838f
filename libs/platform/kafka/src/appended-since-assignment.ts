/**
 * Which records of an assigned partition were appended after this member was given it. No earlier owner
 * of the partition, nor an earlier run of this process, can have handled those: the previous owner gave
 * the partition up before the assignment, and a crashed run is gone. A handler may act on them in ways
 * it could not repeat safely for records handled before (e.g. send first, store after).
 *
 * The first batch fetched after an assignment sets the mark: its high watermark, the end of the log when
 * the broker answered. Every record of that batch is before it; later records at or past it are new.
 */
export class AppendedSinceAssignment {
  private readonly marks = new Map<string, bigint>();

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
    return mark;
  }
}
