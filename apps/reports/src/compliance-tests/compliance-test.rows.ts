import type { JsonObject } from '@validity/contracts';
import type { ReportsTables } from '../storage/reports-tables';
import { epochMicrosOf, preciseTimeOf } from '../storage/precise-time-column';
import type { ComplianceTest } from './compliance-test';
import type { Severity } from './severity';

export interface ComplianceTestRow {
  id: number;
  name: string;
  description: string;
  severity: Severity;
  expression: string;
  custom_fields: JsonObject;
  created_us: string;
  last_updated_us: string;
}

/** The select list that reads a `ComplianceTestRow` from the tests table under `alias`. */
export function complianceTestColumns(alias: string): string {
  return [
    `${alias}.id`,
    `${alias}.name`,
    `${alias}.description`,
    `${alias}.severity`,
    `${alias}.expression`,
    `${alias}.custom_fields`,
    `${epochMicrosOf(`${alias}.created`)} AS created_us`,
    `${epochMicrosOf(`${alias}.last_updated`)} AS last_updated_us`,
  ].join(', ');
}

export function complianceTestFromRow(row: ComplianceTestRow): ComplianceTest {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    severity: row.severity,
    expression: row.expression,
    customFields: row.custom_fields,
    created: preciseTimeOf(row.created_us),
    lastUpdated: preciseTimeOf(row.last_updated_us),
  };
}

/** `SELECT` of one test by id (`$1`). */
export function selectComplianceTest(tables: ReportsTables): string {
  return `SELECT ${complianceTestColumns('t')} FROM ${tables.tests} t WHERE t.id = $1`;
}
