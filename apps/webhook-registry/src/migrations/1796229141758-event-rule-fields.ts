import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * What NetBox 4.6's API adds to a webhook: its `description`, and the event rule fields a 3.6 webhook has
 * no place for (`event_rule`: name, description, action_data). The unique constraint on URL and
 * create/update/delete flags goes: NetBox 3.7+ has none, and a 4.6 client may make two rules with the same
 * flags for webhooks with one URL. The 3.6 API still refuses such a duplicate (validation checks it).
 */
export class EventRuleFields1796229141758 implements MigrationInterface {
  name = 'EventRuleFields1796229141758';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."webhooks"
        ADD COLUMN "description" varchar(200) NOT NULL DEFAULT '',
        ADD COLUMN "event_rule" jsonb NULL,
        DROP CONSTRAINT "webhooks_payload_url_types_key"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."webhooks"
        DROP COLUMN "event_rule",
        DROP COLUMN "description",
        ADD CONSTRAINT "webhooks_payload_url_types_key"
          UNIQUE ("payload_url", "type_create", "type_update", "type_delete")`);
  }
}
