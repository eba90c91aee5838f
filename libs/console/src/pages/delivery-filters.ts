/** The delivery list's filters as the console's query names them; the same names as the API's. */
export const DELIVERY_FILTERS = [
  'id',
  'webhook_id',
  'status',
  'event',
  'object_type',
  'created__gte',
  'created__lte',
] as const;

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;

/** `2026-12-02T13:05` from a `datetime-local` input, read as UTC (the console shows UTC everywhere). */
function utc(value: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? `${value}:00Z` : value;
}

/** The filters present in a query, as typed (for the form and links). */
export function deliveryFiltersOf(query: Record<string, unknown>): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of DELIVERY_FILTERS) {
    const value = query[name];
    if (typeof value === 'string' && value.trim() !== '') filters[name] = value.trim();
  }
  return filters;
}

/** The same filters as the API takes them. */
export function deliveryApiQuery(filters: Record<string, string>): Record<string, string> {
  const query: Record<string, string> = { ...filters };
  for (const name of ['created__gte', 'created__lte']) if (query[name]) query[name] = utc(query[name]);
  return query;
}
