import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * Ed25519 signing keys (Standard Webhooks `v1a`), one per webhook that asks for asymmetric signatures.
 * Generated and kept by the dispatcher: the private key never leaves this schema (it is on no topic
 * and in no answer); receivers read the public key through the API.
 */
export class SigningKeys1796229496326 implements MigrationInterface {
  name = 'SigningKeys1796229496326';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."signing_keys" (
        "webhook_id" integer PRIMARY KEY,
        "private_key" bytea NOT NULL,
        "public_key" bytea NOT NULL,
        "created" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."signing_keys"`);
  }
}
