import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';
import { createEventStore, dropEventStore } from '@validity/platform/event-store';

/**
 * The event store and the `webhooks` read model, a projection of it. Lengths and uniqueness are NetBox
 * 3.6's (`varchar(n)` counts characters, as Django does); ids are bigint as in NetBox. The constraint
 * names are read back to answer a concurrent duplicate with NetBox's messages.
 */
export class Initial1764460800000 implements MigrationInterface {
  name = 'Initial1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await createEventStore(queryRunner, schema);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."webhooks" (
        "id" bigserial PRIMARY KEY,
        "version" integer NOT NULL,
        "name" varchar(150) NOT NULL CONSTRAINT "webhooks_name_key" UNIQUE,
        "content_types" text[] NOT NULL,
        "type_create" boolean NOT NULL,
        "type_update" boolean NOT NULL,
        "type_delete" boolean NOT NULL,
        "type_job_start" boolean NOT NULL,
        "type_job_end" boolean NOT NULL,
        "payload_url" varchar(500) NOT NULL,
        "enabled" boolean NOT NULL,
        "http_method" varchar(30) NOT NULL,
        "http_content_type" varchar(100) NOT NULL,
        "additional_headers" text NOT NULL,
        "body_template" text NOT NULL,
        "secret" varchar(255) NOT NULL,
        "conditions" jsonb NULL,
        "ssl_verification" boolean NOT NULL,
        "ca_file_path" varchar(4096) NULL,
        "timeout" integer NULL CHECK ("timeout" BETWEEN 1 AND 3600),
        "created" timestamptz NOT NULL,
        "last_updated" timestamptz NOT NULL,
        CONSTRAINT "webhooks_payload_url_types_key"
          UNIQUE ("payload_url", "type_create", "type_update", "type_delete")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."webhooks"`);
    await dropEventStore(queryRunner, schema);
  }
}
