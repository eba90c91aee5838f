import type { JsonObject } from '@validity/contracts';
import type { ReportsTables } from '../../storage/reports-tables';
import { epochMicrosOf, preciseTimeOf } from '../../storage/precise-time-column';
import type { ComplianceSelector } from '../domain/compliance-selector';
import type { DynamicPairs, FilterOperation } from '../domain/compliance-selector-choices';

export interface ComplianceSelectorRow {
  id: number;
  name: string;
  filter_operation: FilterOperation;
  name_filter: string;
  status_filter: string;
  dynamic_pairs: DynamicPairs;
  dp_tag_prefix: string;
  custom_fields: JsonObject;
  created_us: string;
  last_updated_us: string;
}

/** The select list that reads a `ComplianceSelectorRow` from the selectors table under `alias`. */
export function complianceSelectorColumns(alias: string): string {
  return [
    `${alias}.id`,
    `${alias}.name`,
    `${alias}.filter_operation`,
    `${alias}.name_filter`,
    `${alias}.status_filter`,
    `${alias}.dynamic_pairs`,
    `${alias}.dp_tag_prefix`,
    `${alias}.custom_fields`,
    `${epochMicrosOf(`${alias}.created`)} AS created_us`,
    `${epochMicrosOf(`${alias}.last_updated`)} AS last_updated_us`,
  ].join(', ');
}

export function complianceSelectorFromRow(row: ComplianceSelectorRow): ComplianceSelector {
  return {
    id: row.id,
    name: row.name,
    filterOperation: row.filter_operation,
    nameFilter: row.name_filter,
    statusFilter: row.status_filter,
    dynamicPairs: row.dynamic_pairs,
    dpTagPrefix: row.dp_tag_prefix,
    customFields: row.custom_fields,
    created: preciseTimeOf(row.created_us),
    lastUpdated: preciseTimeOf(row.last_updated_us),
  };
}

/** `SELECT` of one selector by id (`$1`). */
export function selectComplianceSelector(tables: ReportsTables): string {
  return `SELECT ${complianceSelectorColumns('s')} FROM ${tables.selectors} s WHERE s.id = $1`;
}
