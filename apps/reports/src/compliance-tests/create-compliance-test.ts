import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preciseNow } from '@validity/contracts';
import type { ChangeContext } from '../event-sourcing/change-context';
import { appendToStream } from '../event-sourcing/append-to-stream';
import { complianceTestStream } from '../event-sourcing/streams';
import { REPORTS_TABLES, type ReportsTables } from '../storage/reports-tables';
import { timestampParameter } from '../storage/precise-time-column';
import type { ComplianceTest } from './compliance-test';
import { complianceTestCreated } from './compliance-test.events';
import type { ComplianceTestInput } from './compliance-test.input';
import { DEFAULT_SEVERITY } from './severity';
import { asNameTakenError, assertTestNameIsFree } from './test-name-uniqueness';

/** The input of a create, validated with the required fields present. */
export type NewComplianceTest = ComplianceTestInput &
  Required<Pick<ComplianceTestInput, 'name' | 'description' | 'expression'>>;

/** POST `/tests/`: stores the test and appends `ComplianceTestCreated` in one transaction. */
@Injectable()
export class CreateComplianceTest {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
  ) {}

  async execute(input: NewComplianceTest, context: ChangeContext): Promise<ComplianceTest> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await assertTestNameIsFree(manager, this.tables, input.name);
        const now = preciseNow();
        const fields = {
          name: input.name,
          description: input.description,
          severity: input.severity ?? DEFAULT_SEVERITY,
          expression: input.expression,
          customFields: input.custom_fields ?? {},
          created: now,
          lastUpdated: now,
        };
        const [{ id }]: Array<{ id: number }> = await manager.query(
          `INSERT INTO ${this.tables.tests}
             (name, description, severity, expression, custom_fields, created, last_updated)
           VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
          [
            fields.name,
            fields.description,
            fields.severity,
            fields.expression,
            fields.customFields,
            timestampParameter(now),
          ],
        );
        const test: ComplianceTest = { id, ...fields };
        await appendToStream(manager, this.tables.schema, complianceTestStream(id), 0, [
          complianceTestCreated(test, context),
        ]);
        return test;
      });
    } catch (error) {
      throw asNameTakenError(error);
    }
  }
}
