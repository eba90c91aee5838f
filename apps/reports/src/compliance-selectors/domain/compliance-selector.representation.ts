import { restDateTime, snapshotDateTime, type JsonObject } from '@validity/contracts';
import { changeLoggedFieldsOf } from '../../event-sourcing/envelope-data';
import type { ComplianceSelector } from './compliance-selector';
import type { DynamicPairs, FilterOperation } from './compliance-selector-choices';

/** Path of a selector's detail route; made absolute (REST) or kept relative (events) by the caller's base. */
export function complianceSelectorPath(id: number): string {
  return `/api/plugins/validity/selectors/${id}/`;
}

/**
 * Validity 2.3's ComplianceSelectorSerializer, in its `Meta.fields` order. The DCIM filters and `tags`
 * are `SerializedPKRelatedField`s / tags this system has none of, so they are always `[]`.
 * `base` is the scheme and host for REST answers, `''` for event data (relative urls, as NetBox).
 */
export function complianceSelectorData(selector: ComplianceSelector, base: string): JsonObject {
  return {
    id: selector.id,
    url: `${base}${complianceSelectorPath(selector.id)}`,
    display: selector.name,
    name: selector.name,
    filter_operation: selector.filterOperation,
    name_filter: selector.nameFilter,
    tag_filter: [],
    manufacturer_filter: [],
    type_filter: [],
    platform_filter: [],
    status_filter: selector.statusFilter,
    location_filter: [],
    site_filter: [],
    tenant_filter: [],
    dynamic_pairs: selector.dynamicPairs,
    dp_tag_prefix: selector.dpTagPrefix,
    tags: [],
    custom_fields: selector.customFields,
    created: restDateTime(selector.created.date, selector.created.micros),
    last_updated: restDateTime(selector.lastUpdated.date, selector.lastUpdated.micros),
  };
}

/** The selector an event's `data` shows (`complianceSelectorData` read back; the DCIM filters are empty). */
export function complianceSelectorOfData(data: JsonObject): ComplianceSelector {
  return {
    id: data.id as number,
    name: data.name as string,
    filterOperation: data.filter_operation as FilterOperation,
    nameFilter: data.name_filter as string,
    statusFilter: data.status_filter as string,
    dynamicPairs: data.dynamic_pairs as DynamicPairs,
    dpTagPrefix: data.dp_tag_prefix as string,
    ...changeLoggedFieldsOf(data),
  };
}

/** Validity 2.3's nested selector on NetBox 3.6 (`?brief=1`, and inside a test's `selectors`). */
export function briefComplianceSelectorData(
  selector: Pick<ComplianceSelector, 'id' | 'name'>,
  base: string,
): JsonObject {
  return {
    id: selector.id,
    url: `${base}${complianceSelectorPath(selector.id)}`,
    display: selector.name,
    name: selector.name,
  };
}

/**
 * The selector as NetBox 3.6 snapshots it (`serialize_object`: Django's serializer, then
 * `custom_field_data` renamed `custom_fields` and `tags` appended). Django writes the concrete fields in
 * creation order, then the many-to-many fields with auto-created through tables (the DCIM filters, as
 * id lists), so the filters follow `dp_tag_prefix`; datetimes to the millisecond with `Z`.
 */
export function complianceSelectorSnapshot(selector: ComplianceSelector): JsonObject {
  return {
    created: snapshotDateTime(selector.created.date, selector.created.micros),
    last_updated: snapshotDateTime(selector.lastUpdated.date, selector.lastUpdated.micros),
    name: selector.name,
    filter_operation: selector.filterOperation,
    name_filter: selector.nameFilter,
    status_filter: selector.statusFilter,
    dynamic_pairs: selector.dynamicPairs,
    dp_tag_prefix: selector.dpTagPrefix,
    tag_filter: [],
    manufacturer_filter: [],
    type_filter: [],
    platform_filter: [],
    location_filter: [],
    site_filter: [],
    tenant_filter: [],
    custom_fields: selector.customFields,
    tags: [],
  };
}
