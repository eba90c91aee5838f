import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * The delivery options of issue 18 items 3-7 on the `webhooks` read model. Existing webhooks get the
 * defaults (unordered, unlimited, no client certificate, HMAC signatures only), i.e. what they did before.
 */
export class DeliveryOptions1796229136146 implements MigrationInterface {
  name = 'DeliveryOptions1796229136146';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."webhooks"
        ADD COLUMN "ordering" varchar(20) NOT NULL DEFAULT 'unordered',
        ADD COLUMN "rate_limit_per_second" integer NULL CHECK ("rate_limit_per_second" >= 1),
        ADD COLUMN "client_cert_path" varchar(4096) NULL,
        ADD COLUMN "client_key_path" varchar(4096) NULL,
        ADD COLUMN "asymmetric_signature" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."webhooks"
        DROP COLUMN "ordering", DROP COLUMN "rate_limit_per_second", DROP COLUMN "client_cert_path",
        DROP COLUMN "client_key_path", DROP COLUMN "asymmetric_signature"`);
  }
}
