import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@validity/platform/database';

/**
 * What each attempt sent (issue 19): the request headers with every secret masked (`request_headers`,
 * a JSON object in sending order: `json`, not `jsonb`, which would reorder its keys) and the start of the request body (`request_body`). Both are NULL
 * for attempts that sent nothing (a render error) and for attempts recorded before this migration.
 */
export class AttemptRequest1796229119070 implements MigrationInterface {
  name = 'AttemptRequest1796229119070';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."attempts"
        ADD COLUMN "request_headers" json,
        ADD COLUMN "request_body" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${schema}"."attempts" DROP COLUMN "request_headers", DROP COLUMN "request_body"`);
  }
}
