import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * `rate_limit_per_second`: one token bucket per rate-limited webhook, shared by every dispatcher
 * instance of the group (they share this schema), so together they never send faster than the limit.
 */
export class RateBuckets1796230327409 implements MigrationInterface {
  name = 'RateBuckets1796230327409';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."rate_buckets" (
        "webhook_id" integer PRIMARY KEY,
        "tokens" float8 NOT NULL,
        "refilled_at" timestamptz NOT NULL,
        "last_granted" integer NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."rate_buckets"`);
  }
}
