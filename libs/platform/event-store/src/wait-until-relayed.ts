import type { DataSource } from 'typeorm';

const POLL_MS = 10;

/**
 * Resolves `true` once the relay has published every event committed so far (normally a few ms: the
 * append wakes it), or `false` after `timeoutMs` while Kafka is away; the change is stored either way
 * and goes out when Kafka is back. For writes other services must see before the client acts on the
 * answer: a webhook must be on its topic before an event created after its 201 reaches the dispatcher.
 */
export async function waitUntilRelayed(
  dataSource: DataSource,
  schema: string,
  timeoutMs: number,
): Promise<boolean> {
  const [{ position }]: Array<{ position: string }> = await dataSource.query(
    `SELECT coalesce(max("position"), 0) AS "position" FROM "${schema}"."event_store"`,
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ pending }]: Array<{ pending: boolean }> = await dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM "${schema}"."event_store"
         WHERE "relayed_at" IS NULL AND "position" <= $1) AS "pending"`,
      [position],
    );
    if (!pending) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
