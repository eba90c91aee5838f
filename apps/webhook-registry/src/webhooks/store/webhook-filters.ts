import { EVENT_RULE_OBJECT_TYPES, WEBHOOK_HTTP_METHODS } from '@validity/contracts';
import {
  booleanFilter,
  choiceFilter,
  customFilter,
  dateTimeFilter,
  InvalidFilterValueError,
  numberFilter,
  searchFilter,
  stringFilter,
  type FilterSet,
  type SqlCondition,
} from '@validity/platform/netbox-api';

const NOTHING: SqlCondition = { sql: 'FALSE', parameters: {} };

/**
 * NetBox 3.6's `WebhookFilterSet` over the read model aliased `w`. Not offered: `tag` values other than
 * none (this system has no tags, so any slug is an unknown choice, as in NetBox), custom-field filters
 * (there are none) and the change-log `*_by_request` filters (there is no change log).
 */
export const WEBHOOK_FILTERS: FilterSet = {
  id: numberFilter('w.id'),
  name: stringFilter('w.name'),
  payload_url: stringFilter('w.payload_url'),
  http_content_type: stringFilter('w.http_content_type'),
  secret: stringFilter('w.secret'),
  ca_file_path: stringFilter('w.ca_file_path'),
  type_create: booleanFilter('w.type_create'),
  type_update: booleanFilter('w.type_update'),
  type_delete: booleanFilter('w.type_delete'),
  type_job_start: booleanFilter('w.type_job_start'),
  type_job_end: booleanFilter('w.type_job_end'),
  enabled: booleanFilter('w.enabled'),
  ssl_verification: booleanFilter('w.ssl_verification'),
  http_method: choiceFilter('w.http_method', WEBHOOK_HTTP_METHODS),
  content_types: customFilter(contentTypeCondition),
  content_type_id: customFilter(contentTypeIdCondition),
  tag: customFilter(([slug]) => {
    throw new InvalidFilterValueError(`Select a valid choice. ${slug} is not one of the available choices.`);
  }),
  created: dateTimeFilter('w.created'),
  last_updated: dateTimeFilter('w.last_updated'),
  q: searchFilter(['w.name', 'w.payload_url']),
};

/**
 * `payload_url` as a read-only token sees it: the password of `user:password@` masked, in SQL, the same
 * rule as `maskedUrlPassword()`. Filters, `q` and ordering for such tokens run on this, so answers
 * cannot tell a password apart character by character (`?payload_url__ic=:a`, `?q=`, `?ordering=`).
 */
const MASKED_PAYLOAD_URL = `regexp_replace(w.payload_url, '^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*:)[^/?#@]+@', '\\1********@')`;

/**
 * The filters for tokens that may not read secrets: every filter that reads the URL reads it masked.
 * (`secret` filters are refused before this, with a 403; `additional_headers` has no filter.)
 */
export const READ_ONLY_WEBHOOK_FILTERS: FilterSet = {
  ...WEBHOOK_FILTERS,
  payload_url: stringFilter(MASKED_PAYLOAD_URL),
  q: searchFilter(['w.name', MASKED_PAYLOAD_URL]),
};

/**
 * NetBox's `ContentTypeFilter`: one `app_label.model`, case-insensitive (the last value counts); a value
 * without exactly one dot matches nothing rather than failing.
 */
function contentTypeCondition(
  values: readonly string[],
  parameterName: (index: number) => string,
): SqlCondition {
  const value = values[values.length - 1].toLowerCase();
  if (value.split('.').length !== 2) return NOTHING;
  return { sql: `:${parameterName(0)} = ANY(w.content_types)`, parameters: { [parameterName(0)]: value } };
}

/** `content_type_id`: webhooks for any of the given ContentType ids (see `OBJECT_TYPES`). */
function contentTypeIdCondition(
  values: readonly string[],
  parameterName: (index: number) => string,
): SqlCondition {
  const ids = values.map((value) => {
    const id = /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id)) throw new InvalidFilterValueError('Enter a whole number.');
    return id;
  });
  const names = EVENT_RULE_OBJECT_TYPES.filter((contentType) => ids.includes(contentType.contentTypeId)).map(
    (objectType) => objectType.name,
  );
  if (names.length === 0) return NOTHING;
  return {
    sql: `w.content_types && :${parameterName(0)}::text[]`,
    parameters: { [parameterName(0)]: names },
  };
}

/** Columns `?ordering=` may name (DRF's OrderingFilter over the serializer's model fields). */
const ORDERABLE_COLUMNS = new Set([
  'id',
  'name',
  'type_create',
  'type_update',
  'type_delete',
  'type_job_start',
  'type_job_end',
  'payload_url',
  'enabled',
  'http_method',
  'http_content_type',
  'secret',
  'ssl_verification',
  'ca_file_path',
  'timeout',
  'created',
  'last_updated',
]);

export interface OrderTerm {
  column: string;
  direction: 'ASC' | 'DESC';
}

/**
 * `?ordering=name` / `-name` / `enabled,-name`, as DRF reads it: unknown fields are dropped, and with no
 * valid field the model's ordering (by name) applies. The id breaks ties so pages never overlap.
 */
export function webhookOrdering(ordering: string | undefined, secretsVisible = true): OrderTerm[] {
  const requested = (ordering ?? '')
    .split(',')
    .map((term) => term.trim())
    .filter((term) => ORDERABLE_COLUMNS.has(term.replace(/^-/, '')))
    .map((term): OrderTerm => ({
      column: orderColumn(term.replace(/^-/, ''), secretsVisible),
      direction: term.startsWith('-') ? 'DESC' : 'ASC',
    }));
  const terms = requested.length > 0 ? requested : [{ column: 'w.name', direction: 'ASC' as const }];
  return [...terms, { column: 'w.id', direction: 'ASC' }];
}

/** A read-only token orders by the masked URL: the order of passwords would betray them. */
function orderColumn(field: string, secretsVisible: boolean): string {
  return field === 'payload_url' && !secretsVisible ? MASKED_PAYLOAD_URL : `w.${field}`;
}
