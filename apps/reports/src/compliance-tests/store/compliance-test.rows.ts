import type { JsonObject } from '@validity/contracts';
import type { ReportsTables } from '../../storage/reports-tables';
import { epochMicrosOf, preciseTimeOf } from '../../storage/precise-time-column';
import type { ComplianceTest, SelectorReference } from '../domain/compliance-test';
import type { Severity } from '../domain/severity';

export interface ComplianceTestRow {
  id: number;
  name: string;
  description: string;
  severity: Severity;
  expression: string;
  selectors: SelectorReference[];
  custom_fields: JsonObject;
  created_us: string;
  last_updated_us: string;
}

/**
 * The selectors of the test under `alias` as a JSON array of `{id, name}`, ordered by name as Django
 * reads a many-to-many (the related model's ordering).
 */
export function testSelectorsColumn(tables: ReportsTables, alias: string): string {
  return `(SELECT COALESCE(json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name, s.id), '[]'::json)
           FROM ${tables.testSelectors} ts JOIN ${tables.selectors} s ON s.id = ts.selector_id
           WHERE ts.test_id = ${alias}.id)`;
}

/** The select list that reads a `ComplianceTestRow` from the tests table under `alias`. */
export function complianceTestColumns(tables: ReportsTables, alias: string): string {
  return [
    `${alias}.id`,
    `${alias}.name`,
    `${alias}.description`,
    `${alias}.severity`,
    `${alias}.expression`,
    `${testSelectorsColumn(tables, alias)} AS selectors`,
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
    selectors: row.selectors,
    customFields: row.custom_fields,
    created: preciseTimeOf(row.created_us),
    lastUpdated: preciseTimeOf(row.last_updated_us),
  };
}

/** `SELECT` of one test by id (`$1`). */
export function selectComplianceTest(tables: ReportsTables): string {
  return `SELECT ${complianceTestColumns(tables, 't')} FROM ${tables.tests} t WHERE t.id = $1`;
}
