import { WEBHOOK_HTTP_METHODS, WEBHOOK_ORDERINGS } from '@validity/contracts';
import {
  CHANGE_LOGGED_OPTIONS,
  instanceOptionsMetadata,
  NETBOX_OBJECT_OPTIONS,
  optionsMetadata,
  type OptionsMetadataSpec,
} from '@validity/platform/netbox-api';

type OptionsFields = OptionsMetadataSpec['fields'];

/**
 * The fields NetBox 3.6 and 4.x describe alike (4.6 mode's metadata, `webhook-46-options.ts`, shares
 * them): where the request goes, what it carries, and how TLS is checked.
 */
export const PAYLOAD_URL_FIELD: OptionsFields = {
  payload_url: {
    type: 'string',
    required: true,
    label: 'URL',
    help_text:
      'This URL will be called using the HTTP method defined when the webhook is called. Jinja2 template ' +
      'processing is supported with the same context as the request body.',
    max_length: 500,
  },
};

export const REQUEST_FIELDS: OptionsFields = {
  http_method: {
    type: 'choice',
    label: 'HTTP method',
    choices: WEBHOOK_HTTP_METHODS.map((method) => ({ value: method, display_name: method })),
  },
  http_content_type: {
    type: 'string',
    label: 'HTTP content type',
    help_text:
      'The complete list of official content types is available ' +
      '<a href="https://www.iana.org/assignments/media-types/media-types.xhtml">here</a>.',
    max_length: 100,
  },
  additional_headers: {
    type: 'string',
    label: 'Additional headers',
    help_text:
      'User-supplied HTTP headers to be sent with the request in addition to the HTTP content type. Headers ' +
      'should be defined in the format <code>Name: Value</code>. Jinja2 template processing is supported with ' +
      'the same context as the request body (below).',
  },
  body_template: {
    type: 'string',
    label: 'Body template',
    help_text:
      'Jinja2 template for a custom request body. If blank, a JSON object representing the change will be ' +
      'included. Available context data includes: <code>event</code>, <code>model</code>, ' +
      '<code>timestamp</code>, <code>username</code>, <code>request_id</code>, and <code>data</code>.',
  },
};

export const TLS_FIELDS: OptionsFields = {
  ssl_verification: {
    type: 'boolean',
    label: 'SSL verification',
    help_text: 'Enable SSL certificate verification. Disable with caution!',
  },
  ca_file_path: {
    type: 'string',
    label: 'CA File Path',
    help_text:
      'The specific CA certificate file to use for SSL verification. Leave blank to use the system defaults.',
    max_length: 4096,
  },
  timeout: { type: 'integer', label: 'Timeout', help_text: 'Seconds to wait for the receiver (1-3600).' },
};

/**
 * DRF's `SimpleMetadata` copies a model field's `help_text` onto the serializer fields it builds, so the
 * texts below are NetBox 3.6's `extras.Webhook` model help texts, verbatim (HTML included; 3.6 quotes
 * 'X-Hook-Signature' where 4.x writes `<code>`, as 3.6's generated OpenAPI clients show). Fields the
 * serializer declares itself (`content_types`) have none, as in NetBox.
 */
const FIELDS_METADATA = optionsMetadata({
  name: 'Webhook List',
  bulkUpdate: true,
  fields: {
    ...NETBOX_OBJECT_OPTIONS,
    content_types: { type: 'field', required: true, label: 'Content types' },
    name: { type: 'string', required: true, label: 'Name', max_length: 150 },
    type_create: {
      type: 'boolean',
      label: 'On create',
      help_text: 'Triggers when a matching object is created.',
    },
    type_update: {
      type: 'boolean',
      label: 'On update',
      help_text: 'Triggers when a matching object is updated.',
    },
    type_delete: {
      type: 'boolean',
      label: 'On delete',
      help_text: 'Triggers when a matching object is deleted.',
    },
    type_job_start: {
      type: 'boolean',
      label: 'On job start',
      help_text: 'Triggers when a job for a matching object is started.',
    },
    type_job_end: {
      type: 'boolean',
      label: 'On job end',
      help_text: 'Triggers when a job for a matching object terminates.',
    },
    ...PAYLOAD_URL_FIELD,
    enabled: { type: 'boolean', label: 'Enabled' },
    ...REQUEST_FIELDS,
    secret: {
      type: 'string',
      label: 'Secret',
      help_text:
        "When provided, the request will include a 'X-Hook-Signature' header containing a HMAC hex digest of the " +
        'payload body using the secret as the key. The secret is not transmitted in the request.',
      max_length: 255,
    },
    conditions: {
      type: 'field',
      label: 'Conditions',
      help_text: 'A set of conditions which determine whether the webhook will be generated.',
    },
    ...TLS_FIELDS,
    ordering: {
      type: 'choice',
      label: 'Ordering',
      choices: WEBHOOK_ORDERINGS.map((ordering) => ({ value: ordering, display_name: ordering })),
    },
    rate_limit_per_second: { type: 'integer', label: 'Rate limit per second' },
    client_cert_path: { type: 'string', label: 'Client certificate path', max_length: 4096 },
    client_key_path: { type: 'string', label: 'Client key path', max_length: 4096 },
    asymmetric_signature: { type: 'boolean', label: 'Asymmetric signature (Ed25519, v1a)' },
    secret_rotated_at: { type: 'datetime', read_only: true, label: 'Secret rotated at' },
    secret_overlap_ends: { type: 'datetime', read_only: true, label: 'Secret overlap ends' },
    disabled_reason: { type: 'string', read_only: true, label: 'Disabled reason' },
    custom_fields: { type: 'field', label: 'Custom fields' },
    tags: { type: 'field', label: 'Tags' },
    ...CHANGE_LOGGED_OPTIONS,
  },
});

/**
 * OPTIONS on the list route, as NetBox's `BulkOperationMetadata` answers it: the writable fields under
 * both POST and PUT (the list route takes bulk PUT). pynetbox's `choices()` reads
 * `actions.POST.http_method.choices`.
 */
export function webhookListOptions() {
  return FIELDS_METADATA;
}

/** OPTIONS on a webhook: only PUT (there is no POST to a detail route). */
export function webhookDetailOptions() {
  return instanceOptionsMetadata(FIELDS_METADATA);
}
