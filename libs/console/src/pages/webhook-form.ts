import { OBJECT_TYPES, WEBHOOK_ORDERINGS } from '@validity/contracts';
import type { FieldErrors, FieldSpec, FormValues } from '../html/form-fields';

const CONTENT_TYPE_CHOICES = Object.entries(OBJECT_TYPES)
  .filter(([, type]) => type.emitsEvents && type.public)
  .map(([value]) => ({ value, label: value }));

export const EVENT_FIELDS = [
  'type_create',
  'type_update',
  'type_delete',
  'type_job_start',
  'type_job_end',
] as const;
const BOOLEAN_FIELDS = [...EVENT_FIELDS, 'enabled', 'ssl_verification', 'asymmetric_signature'];
/** Whole numbers the API takes, blank meaning `null` (the default). */
const OPTIONAL_NUMBER_FIELDS = ['timeout', 'rate_limit_per_second'];
/** Paths the API takes, blank meaning `null` (none). */
const OPTIONAL_PATH_FIELDS = ['client_cert_path', 'client_key_path'];

/** Every writable field of `/api/extras/webhooks/`, with NetBox 3.6's labels and help texts. */
export const WEBHOOK_FIELDS: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true },
  {
    name: 'content_types',
    label: 'Content types',
    kind: 'multiselect',
    required: true,
    choices: CONTENT_TYPE_CHOICES,
    help: 'The object(s) to which this webhook applies.',
  },
  { name: 'enabled', label: 'Enabled', kind: 'checkbox' },
  {
    name: 'type_create',
    label: 'On create',
    kind: 'checkbox',
    help: 'Triggers when a matching object is created.',
  },
  {
    name: 'type_update',
    label: 'On update',
    kind: 'checkbox',
    help: 'Triggers when a matching object is updated.',
  },
  {
    name: 'type_delete',
    label: 'On delete',
    kind: 'checkbox',
    help: 'Triggers when a matching object is deleted.',
  },
  {
    name: 'type_job_start',
    label: 'On job start',
    kind: 'checkbox',
    help: 'Triggers when a job for a matching object is started.',
  },
  {
    name: 'type_job_end',
    label: 'On job end',
    kind: 'checkbox',
    help: 'Triggers when a job for a matching object terminates.',
  },
  {
    name: 'payload_url',
    label: 'URL',
    kind: 'text',
    required: true,
    code: true,
    help: 'This URL will be called using the HTTP method defined when the webhook is called. Jinja2 template processing is supported with the same context as the request body.',
  },
  {
    name: 'http_method',
    label: 'HTTP method',
    kind: 'select',
    required: true,
    choices: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((value) => ({ value, label: value })),
  },
  {
    name: 'http_content_type',
    label: 'HTTP content type',
    kind: 'text',
    help: 'The complete list of official content types is available at iana.org.',
  },
  {
    name: 'additional_headers',
    label: 'Additional headers',
    kind: 'textarea',
    code: true,
    help: 'User-supplied HTTP headers to be sent with the request in addition to the HTTP content type. Headers should be defined in the format Name: Value. Jinja2 template processing is supported with the same context as the request body (below).',
  },
  {
    name: 'body_template',
    label: 'Body template',
    kind: 'textarea',
    code: true,
    help: 'Jinja2 template for a custom request body. If blank, a JSON object representing the change will be included. Available context data includes: event, model, timestamp, username, request_id, and data.',
  },
  {
    name: 'secret',
    label: 'Secret',
    kind: 'password',
    help: 'When provided, the request will include a X-Hook-Signature header containing a HMAC hex digest of the payload body using the secret as the key. The secret is not transmitted in the request. When editing, leave blank to keep the current secret.',
  },
  {
    name: 'conditions',
    label: 'Conditions',
    kind: 'textarea',
    code: true,
    help: 'A set of conditions which determine whether the webhook will be generated (JSON, e.g. {"and": [{"attr": "total_passed", "value": 0, "op": "gt"}]}).',
  },
  {
    name: 'ssl_verification',
    label: 'SSL verification',
    kind: 'checkbox',
    help: 'Enable SSL certificate verification. Disable with caution!',
  },
  {
    name: 'ca_file_path',
    label: 'CA File Path',
    kind: 'text',
    help: 'The specific CA certificate file to use for SSL verification. Leave blank to use the system defaults.',
  },
  {
    name: 'timeout',
    label: 'Timeout',
    kind: 'number',
    help: "Seconds to wait for the receiver (1-3600). Blank uses the dispatcher's default.",
  },
  {
    name: 'ordering',
    label: 'Ordering',
    kind: 'select',
    required: true,
    choices: WEBHOOK_ORDERINGS.map((value) => ({ value, label: value })),
    help: 'per_object: the events of one object (a report, a test) reach the receiver one at a time, in order; a failing one holds back only that object. unordered is the fastest.',
  },
  {
    name: 'rate_limit_per_second',
    label: 'Rate limit per second',
    kind: 'number',
    help: 'Requests per second to this receiver over every dispatcher instance together (1-100000); deliveries wait, none is dropped. Blank: unlimited.',
  },
  {
    name: 'client_cert_path',
    label: 'Client certificate path',
    kind: 'text',
    code: true,
    help: "A PEM client certificate on the dispatcher's host, for receivers that require mutual TLS. Leave blank to send none.",
  },
  {
    name: 'client_key_path',
    label: 'Client key path',
    kind: 'text',
    code: true,
    help: "The PEM private key of the client certificate, on the dispatcher's host.",
  },
  {
    name: 'asymmetric_signature',
    label: 'Asymmetric signature (Ed25519, v1a)',
    kind: 'checkbox',
    help: 'Also sign every request with an Ed25519 key (Standard Webhooks v1a): the receiver verifies with the public key the webhook page shows, without a shared secret.',
  },
];

/** The form's fieldsets, each a legend and the fields under it, in WEBHOOK_FIELDS order. */
export const WEBHOOK_FIELDSETS: ReadonlyArray<{ legend: string; fields: readonly string[] }> = [
  { legend: 'Webhook', fields: ['name', 'content_types', 'enabled'] },
  { legend: 'Events', fields: EVENT_FIELDS },
  {
    legend: 'HTTP request',
    fields: [
      'payload_url',
      'http_method',
      'http_content_type',
      'additional_headers',
      'body_template',
      'secret',
    ],
  },
  { legend: 'Conditions', fields: ['conditions'] },
  { legend: 'SSL and timeout', fields: ['ssl_verification', 'ca_file_path', 'timeout'] },
  {
    legend: 'Delivery options',
    fields: [
      'ordering',
      'rate_limit_per_second',
      'client_cert_path',
      'client_key_path',
      'asymmetric_signature',
    ],
  },
];

export const WEBHOOK_FIELD_NAMES = WEBHOOK_FIELDS.map((field) => field.name);

/** The form's values from an API webhook (edit form); the secret is never one of them. */
export function webhookFormValues(webhook: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const { name } of WEBHOOK_FIELDS) {
    const value = webhook[name];
    if (name === 'secret') continue;
    if (BOOLEAN_FIELDS.includes(name)) values[name] = value === true;
    else if (name === 'conditions')
      values[name] = value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
    else if (Array.isArray(value)) values[name] = value.map(String);
    else values[name] = value === null || value === undefined ? '' : String(value);
  }
  return values;
}

/** The defaults of NetBox's "Add webhook" form. */
export const NEW_WEBHOOK_VALUES: FormValues = {
  enabled: true,
  type_create: true,
  ssl_verification: true,
  http_method: 'POST',
  http_content_type: 'application/json',
  ordering: 'unordered',
};

/**
 * The API body from the posted form: checkboxes to booleans, blank timeout and conditions to `null`, a
 * blank secret left out of an edit (so the stored one stays). Conditions that are not JSON fail here
 * with Django's JSONField message; everything else is the API's to judge.
 */
export function webhookBodyFromForm(
  form: Record<string, unknown>,
  editing: boolean,
): { values: FormValues; body: Record<string, unknown>; errors: FieldErrors } {
  const values: FormValues = {};
  const body: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const { name } of WEBHOOK_FIELDS) {
    const raw = form[name];
    if (BOOLEAN_FIELDS.includes(name)) {
      values[name] = body[name] = raw === 'true';
    } else if (name === 'content_types') {
      const list = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
      values[name] = list;
      body[name] = list;
    } else {
      const text = typeof raw === 'string' ? raw : '';
      values[name] = name === 'secret' ? undefined : text;
      if (name === 'secret') {
        if (text !== '' || !editing) body.secret = text;
      } else if (OPTIONAL_NUMBER_FIELDS.includes(name)) {
        body[name] = text.trim() === '' ? null : /^\s*\d+\s*$/.test(text) ? Number(text) : text;
      } else if (OPTIONAL_PATH_FIELDS.includes(name)) {
        body[name] = text.trim() === '' ? null : text;
      } else if (name === 'conditions') {
        if (text.trim() === '') body.conditions = null;
        else {
          try {
            body.conditions = JSON.parse(text) as unknown;
          } catch {
            errors.conditions = ['Enter a valid JSON.'];
          }
        }
      } else {
        body[name] = text;
      }
    }
  }
  return { values, body, errors };
}
