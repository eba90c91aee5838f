import type { JsonObject, PreciseTime } from '@validity/contracts';
import type { DynamicPairs, FilterOperation } from './compliance-selector-choices';

/**
 * A compliance selector as its read model holds it. Validity's DCIM filters (`tag_filter`,
 * `manufacturer_filter`, ...) are not here: this service has no DCIM objects, so they are always empty.
 */
export interface ComplianceSelector {
  id: number;
  name: string;
  filterOperation: FilterOperation;
  /** A Python regular expression over device names, or blank. */
  nameFilter: string;
  /** A NetBox device status, or blank. */
  statusFilter: string;
  dynamicPairs: DynamicPairs;
  dpTagPrefix: string;
  customFields: JsonObject;
  created: PreciseTime;
  lastUpdated: PreciseTime;
}
