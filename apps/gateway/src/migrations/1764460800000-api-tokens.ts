import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * API tokens. Keys are kept only as SHA-256 plus their last six characters (for display). Deleted tokens
 * stay as rows with `deleted_at`, so their keys stay taken (the periodic sync that also needed them is
 * gone: tokens are event-sourced since `ApiTokenEvents1796288487387`).
 */
export class ApiTokens1764460800000 implements MigrationInterface {
  name = 'ApiTokens1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "${migrationSchema(queryRunner)}"."tokens" (
        "id" serial PRIMARY KEY,
        "user_id" integer NOT NULL,
        "username" text NOT NULL,
        "key_sha256" char(64) NOT NULL UNIQUE,
        "key_hint" char(6) NOT NULL,
        "write_enabled" boolean NOT NULL DEFAULT true,
        "expires" timestamptz NULL,
        "description" varchar(200) NOT NULL DEFAULT '',
        "created" timestamptz NOT NULL DEFAULT now(),
        "last_used" timestamptz NULL,
        "deleted_at" timestamptz NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}"."tokens"`);
  }
}
