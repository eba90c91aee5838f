import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * `sources`: the NetBox instances allowed to post webhooks, each with the secret its webhooks sign with.
 * `received_requests`: the digest of each accepted request, so a request NetBox retries (same body) is
 * published once; rows older than the dedup window are pruned.
 */
export class Initial1765152000000 implements MigrationInterface {
  name = 'Initial1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."sources" (
        "id" bigserial PRIMARY KEY,
        "name" varchar(100) NOT NULL CONSTRAINT "sources_name_key" UNIQUE,
        "description" varchar(200) NOT NULL,
        "secret" varchar(255) NOT NULL,
        "enabled" boolean NOT NULL,
        "netbox_url" varchar(500) NOT NULL,
        "created" timestamptz NOT NULL DEFAULT now(),
        "last_updated" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."received_requests" (
        "digest" bytea PRIMARY KEY,
        "source_id" bigint NOT NULL,
        "topic" text NOT NULL,
        "event_id" uuid NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "received_requests_received_at_idx" ON "${schema}"."received_requests" ("received_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."received_requests"`);
    await queryRunner.query(`DROP TABLE "${schema}"."sources"`);
  }
}
