import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * Issue 18's read-only delivery state of a webhook: the secret a rotation replaced and until when it
 * still signs, when the secret last changed, and why the system disabled the webhook (410 Gone, failing
 * too long). Existing webhooks start with none of them.
 */
export class WebhookDeliveryState1796229794339 implements MigrationInterface {
  name = 'WebhookDeliveryState1796229794339';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."webhooks"
        ADD COLUMN "previous_secret" varchar(255) NOT NULL DEFAULT '',
        ADD COLUMN "secret_rotated_at" timestamptz NULL,
        ADD COLUMN "previous_secret_expires" timestamptz NULL,
        ADD COLUMN "disabled_reason" text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."webhooks"
        DROP COLUMN "previous_secret", DROP COLUMN "secret_rotated_at",
        DROP COLUMN "previous_secret_expires", DROP COLUMN "disabled_reason"`);
  }
}
