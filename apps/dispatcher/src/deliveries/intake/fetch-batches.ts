/**
 * Plans the batches kafkajs hands over side by side as one. It hands each partition of a fetch to the
 * intake as its own batch, a few at once (`partitionsConsumedConcurrently`), and each became its own
 * catch-up of the webhook view and its own insert statement: at 200 events/s a fetch carries an event or
 * two per partition, so that was two statements a fetch where one does, each costing PostgreSQL its
 * fixed ~1 ms and the dispatcher a round trip. Batches that arrive in the same turn of the event loop
 * (those of one fetch) wait for the next turn and are planned together; planning is idempotent per
 * record, so when it fails each of them is retried, as a failed batch always was. Each batch's records
 * keep their order, so an object's events (one partition) stay in order.
 */
export class FetchBatches<T> {
  private forming: { records: T[]; planned: Promise<void> } | undefined;

  constructor(private readonly plan: (records: T[]) => Promise<void>) {}

  /** Resolves once the records are planned with the others of their turn. */
  handle(records: readonly T[]): Promise<void> {
    let group = this.forming;
    if (group === undefined) {
      const records: T[] = [];
      const planned = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.forming = undefined;
        return this.plan(records);
      });
      group = { records, planned };
      this.forming = group;
    }
    for (const record of records) group.records.push(record);
    return group.planned;
  }
}
