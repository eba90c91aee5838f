import type { SqlClient } from '../../storage/sql-client';

/**
 * The `webhook_failure_streaks` table: since when every attempt to a webhook has failed. Shared by the
 * dispatcher instances and kept across restarts, so a webhook failing for days is noticed whichever
 * instance happens to make the attempts. Written once when a streak starts and once when it ends, not
 * per attempt.
 */
export class FailureStreakStore {
  constructor(private readonly sql: SqlClient) {}

  /** Starts a streak unless one is running; returns when the running streak started. */
  async start(webhookId: number): Promise<Date> {
    const [row] = await this.sql.rows<{ failing_since: Date }>(
      `INSERT INTO ${this.sql.table('webhook_failure_streaks')} (webhook_id) VALUES ($1)
       ON CONFLICT (webhook_id) DO UPDATE SET webhook_id = EXCLUDED.webhook_id
       RETURNING failing_since`,
      [webhookId],
    );
    return row.failing_since;
  }

  /** Starts the streak over from now (a success happened since it started). */
  async restart(webhookId: number): Promise<Date> {
    const [row] = await this.sql.rows<{ failing_since: Date }>(
      `INSERT INTO ${this.sql.table('webhook_failure_streaks')} (webhook_id) VALUES ($1)
       ON CONFLICT (webhook_id) DO UPDATE SET failing_since = now()
       RETURNING failing_since`,
      [webhookId],
    );
    return row.failing_since;
  }

  async end(webhookId: number): Promise<void> {
    await this.sql.rows(`DELETE FROM ${this.sql.table('webhook_failure_streaks')} WHERE webhook_id = $1`, [
      webhookId,
    ]);
  }

  /**
   * Whether any attempt to the webhook succeeded since `since`, by any instance: the streak an instance
   * sees is only its own attempts and the shared start, so this is checked before disabling.
   */
  async succeededSince(webhookId: number, since: Date): Promise<boolean> {
    const [row] = await this.sql.rows<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM ${this.sql.table('deliveries')} d
         JOIN ${this.sql.table('attempts')} a ON a.delivery_id = d.id
         WHERE d.webhook_id = $1 AND a.started >= $2 AND a.status_code BETWEEN 200 AND 299
       ) AS found`,
      [webhookId, since],
    );
    return row.found;
  }
}
