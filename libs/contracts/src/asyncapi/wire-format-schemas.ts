import type { JsonSchema } from './json-schema';

// Each pattern matches exactly what the formatter named beside it writes (see netbox-datetime-formats.ts):
// Python's isoformat leaves the fraction out when the microseconds are 0.
const DATE_AND_TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}';

/** `netboxTimestamp`: the envelope `timestamp`, e.g. `2023-04-12T19:36:37.739906+00:00`. */
export const ENVELOPE_TIMESTAMP_PATTERN = `^${DATE_AND_TIME}(\\.\\d{6})?\\+00:00$`;
/** `restDateTime`: datetimes in `data`, e.g. `2023-04-12T19:36:33.690567Z`. */
export const REST_DATETIME_PATTERN = `^${DATE_AND_TIME}(\\.\\d{6})?Z$`;
/** `snapshotDateTime`: datetimes in snapshots, e.g. `2023-04-12T19:36:33.690Z`. */
export const SNAPSHOT_DATETIME_PATTERN = `^${DATE_AND_TIME}(\\.\\d{3})?Z$`;

/** What `uuid`'s v7() writes: lower-case, version 7, RFC 4122 variant. */
export const UUID_V7_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
/** Any UUID as the request-context middleware keeps or makes it: lower-case. */
export const LOWER_CASE_UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/** W3C Trace Context `traceparent`, version 00. */
export const TRACEPARENT_PATTERN = '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';
/** A database id written as a decimal string (record keys, ids in headers). */
export const POSITIVE_INTEGER_TEXT_PATTERN = '^[1-9][0-9]*$';
/** Kafka partitions and offsets written as decimal strings. */
export const NON_NEGATIVE_INTEGER_TEXT_PATTERN = '^(0|[1-9][0-9]*)$';

/** Reusable schemas for the formats above, under these names in `components.schemas`. */
export const WIRE_FORMAT_SCHEMAS = {
  EnvelopeTimestamp: {
    type: 'string',
    format: 'date-time',
    pattern: ENVELOPE_TIMESTAMP_PATTERN,
    description:
      "When the change was flushed, in UTC, as Python's `datetime.isoformat()` writes it: microseconds " +
      '(left out when 0) and `+00:00`.',
    examples: ['2024-01-10T08:15:02.401177+00:00'],
  },
  RestDateTime: {
    type: 'string',
    format: 'date-time',
    pattern: REST_DATETIME_PATTERN,
    description: 'A REST (Django REST framework) datetime in UTC: microseconds (left out when 0) and `Z`.',
    examples: ['2024-01-10T08:14:58.120344Z'],
  },
  SnapshotDateTime: {
    type: 'string',
    format: 'date-time',
    pattern: SNAPSHOT_DATETIME_PATTERN,
    description:
      "A snapshot datetime in UTC, as Django's JSON encoder writes it: milliseconds (left out when the " +
      'microseconds are 0) and `Z`.',
    examples: ['2024-01-10T08:14:58.120Z'],
  },
  CustomFields: {
    type: 'object',
    description: 'NetBox custom field values by field name; any JSON values.',
  },
} satisfies Record<string, JsonSchema>;

export type WireFormatSchemaName = keyof typeof WIRE_FORMAT_SCHEMAS;
