import type { ComplianceReportFields, JsonObject } from '@validity/contracts';
import { epochMicrosOf, preciseTimeOf } from '../../storage/precise-time-column';

export interface ComplianceReportRow {
  id: number;
  custom_fields: JsonObject;
  created_us: string;
  last_updated_us: string;
}

/** The select list that reads a `ComplianceReportRow` from the reports table under `alias`. */
export function complianceReportColumns(alias: string): string {
  return [
    `${alias}.id`,
    `${alias}.custom_fields`,
    `${epochMicrosOf(`${alias}.created`)} AS created_us`,
    `${epochMicrosOf(`${alias}.last_updated`)} AS last_updated_us`,
  ].join(', ');
}

/** Newest first, as Validity orders reports (`-created`); the id breaks ties. */
export const NEWEST_REPORTS_FIRST = 'created DESC, id DESC';

export function complianceReportFromRow(row: ComplianceReportRow): ComplianceReportFields {
  return {
    id: row.id,
    customFields: row.custom_fields,
    created: preciseTimeOf(row.created_us),
    lastUpdated: preciseTimeOf(row.last_updated_us),
  };
}
