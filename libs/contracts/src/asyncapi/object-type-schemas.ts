import type { EnvelopeEvent } from '../netbox-envelope';
import type { EventObjectType } from '../object-types';
import { WEBHOOK_HTTP_METHODS } from '../webhook-definition';
import { EVENT_RULE_OBJECT_TYPES } from '../webhook-content-types';
import { exactObject, schemaRef, type JsonSchema } from './json-schema';
import type { WireFormatSchemaName } from './wire-format-schemas';

// Names this module adds to `components.schemas`; typed so a `ref` to a missing schema does not compile.
type ObjectTypeSchemaName =
  | 'ComplianceReportData'
  | 'ComplianceReportDataWithoutCounts'
  | 'ComplianceReportSnapshot'
  | 'ComplianceTestData'
  | 'ComplianceTestSnapshot'
  | 'NestedComplianceSelector'
  | 'ComplianceSelectorData'
  | 'ComplianceSelectorSnapshot'
  | 'WebhookData'
  | 'WebhookSnapshot';

/** How one object type appears in envelopes: its `data` per event and its snapshot. */
export interface EventObjectTypeContract {
  /** Singular, for titles, e.g. `Compliance report`. */
  label: string;
  /** What this type adds to `components.schemas`; names are unique across object types. */
  schemas: Partial<Record<ObjectTypeSchemaName, JsonSchema>>;
  /** The schema of `data` for each event. */
  data: Record<EnvelopeEvent, JsonSchema>;
  /** The schema of `prechange` / `postchange` when the snapshot is present. */
  snapshot: JsonSchema;
}

const ref = (name: WireFormatSchemaName | ObjectTypeSchemaName): JsonSchema => schemaRef(name);
const id = (what: string): JsonSchema => ({ type: 'integer', minimum: 1, description: `The ${what}'s id.` });
const relativeUrl = (pattern: string, example: string): JsonSchema => ({
  type: 'string',
  pattern,
  description: 'Relative: NetBox serializes event data without a request.',
  examples: [example],
});
const count = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });
const text = (description: string): JsonSchema => ({ type: 'string', description });
const flag = (description: string): JsonSchema => ({ type: 'boolean', description });

// --- validity.compliancereport: the serializer is complianceReportData() in compliance-report-representation.ts.

const REPORT_HEAD = {
  id: id('report'),
  url: relativeUrl('^/api/plugins/validity/reports/[1-9][0-9]*/$', '/api/plugins/validity/reports/31/'),
  display: { type: 'string', pattern: '^report-[1-9][0-9]*$', examples: ['report-31'] },
} satisfies Record<string, JsonSchema>;

const REPORT_COUNTS = {
  device_count: count('Devices the run covered.'),
  test_count: count('Tests the run evaluated.'),
  total_passed: count('Passed results.'),
  total_count: count('All results.'),
  low_passed: count('Passed results of LOW severity tests.'),
  low_count: count('Results of LOW severity tests.'),
  middle_passed: count('Passed results of MIDDLE severity tests.'),
  middle_count: count('Results of MIDDLE severity tests.'),
  high_passed: count('Passed results of HIGH severity tests.'),
  high_count: count('Results of HIGH severity tests.'),
} satisfies Record<string, JsonSchema>;

const REPORT_TAIL = {
  results_url: relativeUrl(
    '^/api/plugins/validity/test-results/\\?report_id=[1-9][0-9]*$',
    '/api/plugins/validity/test-results/?report_id=31',
  ),
  custom_fields: ref('CustomFields'),
  created: ref('RestDateTime'),
  last_updated: ref('RestDateTime'),
} satisfies Record<string, JsonSchema>;

const COMPLIANCE_REPORT: EventObjectTypeContract = {
  label: 'Compliance report',
  schemas: {
    ComplianceReportData: exactObject(
      "Validity's ComplianceReportSerializer with the run's statistics, in its field order.",
      { ...REPORT_HEAD, ...REPORT_COUNTS, ...REPORT_TAIL },
    ),
    ComplianceReportDataWithoutCounts: exactObject(
      'The report without statistics, as NetBox serializes a report that is being deleted: the count ' +
        'keys are left out, not null.',
      { ...REPORT_HEAD, ...REPORT_TAIL },
    ),
    ComplianceReportSnapshot: exactObject("The report as NetBox's change logging snapshots it.", {
      created: ref('SnapshotDateTime'),
      last_updated: ref('SnapshotDateTime'),
      custom_fields: ref('CustomFields'),
    }),
  },
  data: {
    created: ref('ComplianceReportData'),
    updated: { oneOf: [ref('ComplianceReportData'), ref('ComplianceReportDataWithoutCounts')] },
    deleted: ref('ComplianceReportDataWithoutCounts'),
  },
  snapshot: ref('ComplianceReportSnapshot'),
};

// --- validity.compliancetest: complianceTestData() / complianceTestSnapshot() in apps/reports.

/** Validity's SeverityChoices values; apps/reports checks its own list against this document. */
const COMPLIANCE_TEST_SEVERITIES = ['LOW', 'MIDDLE', 'HIGH'];
const severity: JsonSchema = { type: 'string', enum: COMPLIANCE_TEST_SEVERITIES };

/** This system has no NetBox data sources or data files (Validity's test may read its expression from one). */
const NO_DATA_SOURCE: JsonSchema = {
  type: 'null',
  description: 'Always null: this system has no NetBox data sources or data files.',
};
const NO_VALIDITY_TAGS: JsonSchema = { type: 'array', maxItems: 0, description: 'This system has no tags.' };

const COMPLIANCE_TEST_DATA = exactObject(
  "Validity 2.3's ComplianceTestSerializer, in its field order; `expression` is write-only and never shown.",
  {
    id: id('test'),
    url: relativeUrl('^/api/plugins/validity/tests/[1-9][0-9]*/$', '/api/plugins/validity/tests/4/'),
    display: text("The test's name."),
    name: text('Unique among tests.'),
    severity,
    description: text('Free text.'),
    effective_expression: text('The Python expression Validity evaluates per device, as text.'),
    data_source: NO_DATA_SOURCE,
    data_file: NO_DATA_SOURCE,
    selectors: {
      type: 'array',
      items: ref('NestedComplianceSelector'),
      description: "The test's selectors, ordered by name.",
    },
    tags: NO_VALIDITY_TAGS,
    custom_fields: ref('CustomFields'),
    created: ref('RestDateTime'),
    last_updated: ref('RestDateTime'),
  },
);

const COMPLIANCE_TEST: EventObjectTypeContract = {
  label: 'Compliance test',
  schemas: {
    ComplianceTestData: COMPLIANCE_TEST_DATA,
    ComplianceTestSnapshot: exactObject(
      "The test as NetBox's change logging snapshots it: model fields in creation order (Validity's " +
        'DataSourceMixin first), the selectors as ids, then custom fields and tags.',
      {
        created: ref('SnapshotDateTime'),
        last_updated: ref('SnapshotDateTime'),
        data_source: NO_DATA_SOURCE,
        data_file: NO_DATA_SOURCE,
        name: text('Unique among tests.'),
        description: text('Free text.'),
        severity,
        expression: text('The Python expression, as text.'),
        selectors: {
          type: 'array',
          items: { type: 'integer', minimum: 1 },
          description: "Selector ids, in the selectors' name order.",
        },
        custom_fields: ref('CustomFields'),
        tags: NO_VALIDITY_TAGS,
      },
    ),
  },
  data: {
    created: ref('ComplianceTestData'),
    updated: ref('ComplianceTestData'),
    deleted: ref('ComplianceTestData'),
  },
  snapshot: ref('ComplianceTestSnapshot'),
};

// --- validity.complianceselector: complianceSelectorData() / complianceSelectorSnapshot() in apps/reports.

const FILTER_OPERATION: JsonSchema = { type: 'string', enum: ['OR', 'AND'] };
const DYNAMIC_PAIRS: JsonSchema = { type: 'string', enum: ['NO', 'NAME', 'TAG'] };
const STATUS_FILTER: JsonSchema = {
  type: 'string',
  enum: ['', 'offline', 'active', 'planned', 'staged', 'failed', 'inventory', 'decommissioning'],
  description: "A NetBox device status, or '' for none.",
};
const NO_DCIM_OBJECTS: JsonSchema = {
  type: 'array',
  maxItems: 0,
  description: 'Always empty: this system has no NetBox DCIM objects to filter by.',
};
const SELECTOR_URL = relativeUrl(
  '^/api/plugins/validity/selectors/[1-9][0-9]*/$',
  '/api/plugins/validity/selectors/2/',
);
const SELECTOR_DCIM_FILTERS = {
  tag_filter: NO_DCIM_OBJECTS,
  manufacturer_filter: NO_DCIM_OBJECTS,
  type_filter: NO_DCIM_OBJECTS,
  platform_filter: NO_DCIM_OBJECTS,
} satisfies Record<string, JsonSchema>;
const SELECTOR_PLACE_FILTERS = {
  location_filter: NO_DCIM_OBJECTS,
  site_filter: NO_DCIM_OBJECTS,
  tenant_filter: NO_DCIM_OBJECTS,
} satisfies Record<string, JsonSchema>;

const COMPLIANCE_SELECTOR: EventObjectTypeContract = {
  label: 'Compliance selector',
  schemas: {
    NestedComplianceSelector: exactObject("Validity 2.3's nested selector on NetBox 3.6.", {
      id: id('selector'),
      url: SELECTOR_URL,
      display: text("The selector's name."),
      name: text('Unique among selectors.'),
    }),
    ComplianceSelectorData: exactObject("Validity 2.3's ComplianceSelectorSerializer, in its field order.", {
      id: id('selector'),
      url: SELECTOR_URL,
      display: text("The selector's name."),
      name: text('Unique among selectors.'),
      filter_operation: FILTER_OPERATION,
      name_filter: text('A Python regular expression over device names, or empty.'),
      ...SELECTOR_DCIM_FILTERS,
      status_filter: STATUS_FILTER,
      ...SELECTOR_PLACE_FILTERS,
      dynamic_pairs: DYNAMIC_PAIRS,
      dp_tag_prefix: text('Tag prefix of dynamic pairs by tag, or empty.'),
      tags: NO_VALIDITY_TAGS,
      custom_fields: ref('CustomFields'),
      created: ref('RestDateTime'),
      last_updated: ref('RestDateTime'),
    }),
    ComplianceSelectorSnapshot: exactObject(
      "The selector as NetBox's change logging snapshots it: concrete fields, then the many-to-many " +
        'filters as id lists, custom fields and tags.',
      {
        created: ref('SnapshotDateTime'),
        last_updated: ref('SnapshotDateTime'),
        name: text('Unique among selectors.'),
        filter_operation: FILTER_OPERATION,
        name_filter: text('A Python regular expression over device names, or empty.'),
        status_filter: STATUS_FILTER,
        dynamic_pairs: DYNAMIC_PAIRS,
        dp_tag_prefix: text('Tag prefix of dynamic pairs by tag, or empty.'),
        ...SELECTOR_DCIM_FILTERS,
        ...SELECTOR_PLACE_FILTERS,
        custom_fields: ref('CustomFields'),
        tags: NO_VALIDITY_TAGS,
      },
    ),
  },
  data: {
    created: ref('ComplianceSelectorData'),
    updated: ref('ComplianceSelectorData'),
    deleted: ref('ComplianceSelectorData'),
  },
  snapshot: ref('ComplianceSelectorSnapshot'),
};

// --- extras.webhook: publicWebhookData() / webhookSnapshot() in apps/webhook-registry.

// The registry never publishes a secret: `********` stands for a set one, `""` for none.
const MASKED_SECRET: JsonSchema = {
  type: 'string',
  enum: ['', '********'],
  description: 'Masked: `********` when the webhook has a secret, `""` when it has none.',
};
/**
 * Webhooks may name every public object type (including ones that never emit events) and NetBox's core
 * models; through a 4.6 event rule, also the 4.x ones.
 */
const PUBLIC_OBJECT_TYPES = EVENT_RULE_OBJECT_TYPES;

const WEBHOOK_SETTINGS = {
  name: text('Unique among webhooks.'),
  type_create: flag('Fires on `created` events.'),
  type_update: flag('Fires on `updated` events.'),
  type_delete: flag('Fires on `deleted` events.'),
  type_job_start: flag('Fires on `job_started` events (from a NetBox, through the hub).'),
  type_job_end: flag('Fires on `job_ended` events (from a NetBox, through the hub).'),
  payload_url: text('Receiver URL; may be a Jinja2 template.'),
  enabled: flag('Disabled webhooks never fire.'),
  http_method: { type: 'string', enum: [...WEBHOOK_HTTP_METHODS] },
  http_content_type: text('`Content-Type` of the request.'),
  additional_headers: text('Extra request headers, one `Name: value` per line; a Jinja2 template.'),
  body_template: text('Jinja2 template of the body; empty sends the envelope itself.'),
  secret: MASKED_SECRET,
  conditions: {
    description:
      'NetBox ConditionSet as the client saved it, any JSON; null or another Python-falsy value means ' +
      'always fire.',
  },
  ssl_verification: flag("Whether the receiver's TLS certificate is verified."),
  ca_file_path: { type: ['string', 'null'], description: 'CA bundle for TLS verification, or null.' },
  timeout: {
    type: ['integer', 'null'],
    minimum: 1,
    maximum: 3600,
    description:
      "Seconds to wait for the receiver (NetBox 4.7's field); null means the dispatcher's default.",
  },
  // Delivery options of issue 18 (extensions).
  ordering: {
    type: 'string',
    enum: ['unordered', 'per_object'],
    description: 'per_object: one object (topic key) at a time, in event order.',
  },
  rate_limit_per_second: {
    type: ['integer', 'null'],
    minimum: 1,
    description: 'Requests per second over every dispatcher instance; null means unlimited.',
  },
  client_cert_path: {
    type: ['string', 'null'],
    description: "PEM client certificate on the dispatcher's host (mTLS), or null.",
  },
  client_key_path: { type: ['string', 'null'], description: 'PEM key of client_cert_path, or null.' },
  asymmetric_signature: flag('Whether deliveries are also signed with Ed25519 (Standard Webhooks v1a).'),
} satisfies Record<string, JsonSchema>;

/** Issue 18's read-only delivery state; the replaced secret itself is never published. */
const WEBHOOK_DELIVERY_STATE = {
  secret_rotated_at: {
    type: ['string', 'null'],
    description: 'When `secret` last changed (a REST datetime); null if never.',
  },
  secret_overlap_ends: {
    type: ['string', 'null'],
    description:
      'Until when the replaced secret still signs beside the new one (a REST datetime); null if there is none.',
  },
  disabled_reason: text(
    'Why the system disabled the webhook (410 Gone, failing too long); empty when it did not.',
  ),
} satisfies Record<string, JsonSchema>;

const NO_CUSTOM_FIELDS: JsonSchema = {
  type: 'object',
  maxProperties: 0,
  description: 'Webhooks have no custom fields in this system.',
};
const NO_TAGS: JsonSchema = {
  type: 'array',
  maxItems: 0,
  description: 'Webhooks have no tags in this system.',
};

const WEBHOOK: EventObjectTypeContract = {
  label: 'Webhook',
  schemas: {
    WebhookData: exactObject(
      "NetBox 3.6's WebhookSerializer, in its field order (with `timeout` after `ca_file_path`), secret masked.",
      {
        id: id('webhook'),
        url: relativeUrl('^/api/extras/webhooks/[1-9][0-9]*/$', '/api/extras/webhooks/7/'),
        display: text("The webhook's name."),
        content_types: {
          type: 'array',
          items: { type: 'string', enum: PUBLIC_OBJECT_TYPES.map((objectType) => objectType.name) },
          uniqueItems: true,
          description: 'The object types the webhook fires for, as `<app_label>.<model>`.',
        },
        ...WEBHOOK_SETTINGS,
        ...WEBHOOK_DELIVERY_STATE,
        custom_fields: NO_CUSTOM_FIELDS,
        tags: NO_TAGS,
        created: ref('RestDateTime'),
        last_updated: ref('RestDateTime'),
      },
    ),
    WebhookSnapshot: exactObject(
      "The webhook as NetBox's change logging snapshots it: change-logging datetimes, model fields, " +
        'content types as ContentType ids, custom fields and tags; secret masked.',
      {
        created: ref('SnapshotDateTime'),
        last_updated: ref('SnapshotDateTime'),
        ...WEBHOOK_SETTINGS,
        content_types: {
          type: 'array',
          items: { type: 'integer', enum: PUBLIC_OBJECT_TYPES.map((objectType) => objectType.contentTypeId) },
          uniqueItems: true,
          description: `ContentType ids of this system: ${PUBLIC_OBJECT_TYPES.filter(
            (objectType) => objectType.contentTypeId < 100,
          )
            .map((objectType) => `${objectType.contentTypeId} = ${objectType.name}`)
            .join(', ')}; from 101 on, NetBox's core models in the order of \`NETBOX_CORE_OBJECT_TYPES\`.`,
        },
        custom_fields: NO_CUSTOM_FIELDS,
        tags: NO_TAGS,
      },
    ),
  },
  data: { created: ref('WebhookData'), updated: ref('WebhookData'), deleted: ref('WebhookData') },
  snapshot: ref('WebhookSnapshot'),
};

/**
 * Every object type that emits events, described. Keyed by the type so that a new one in the registry
 * (object-types.ts) does not compile until its envelopes are described here.
 */
export const EVENT_OBJECT_TYPE_CONTRACTS: Readonly<Record<EventObjectType, EventObjectTypeContract>> = {
  'validity.compliancereport': COMPLIANCE_REPORT,
  'validity.compliancetest': COMPLIANCE_TEST,
  'validity.complianceselector': COMPLIANCE_SELECTOR,
  'extras.webhook': WEBHOOK,
};
