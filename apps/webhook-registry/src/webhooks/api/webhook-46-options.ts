import { WEBHOOK_HTTP_METHODS } from '@validity/contracts';
import { optionsMetadata } from '@validity/platform/netbox-api';

/**
 * NetBox 4.6's DRF metadata of the webhook serializer: labels and help texts as NetBox 4.x's `extras.Webhook`
 * model gives them (4.x writes `<code>X-Hook-Signature</code>` where 3.6 quoted it).
 */
const FIELDS_METADATA = optionsMetadata({
  name: 'Webhook List',
  fields: {
    id: { type: 'integer', read_only: true, label: 'ID' },
    url: { type: 'field', read_only: true, label: 'Url' },
    display_url: { type: 'field', read_only: true, label: 'Display url' },
    display: { type: 'field', read_only: true, label: 'Display' },
    name: { type: 'string', required: true, label: 'Name', max_length: 150 },
    description: { type: 'string', label: 'Description', max_length: 200 },
    payload_url: {
      type: 'string',
      required: true,
      label: 'URL',
      help_text:
        'This URL will be called using the HTTP method defined when the webhook is called. Jinja2 template ' +
        'processing is supported with the same context as the request body.',
      max_length: 500,
    },
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
    secret: {
      type: 'string',
      label: 'Secret',
      help_text:
        'When provided, the request will include a <code>X-Hook-Signature</code> header containing a HMAC hex ' +
        'digest of the payload body using the secret as the key. The secret is not transmitted in the request.',
      max_length: 255,
    },
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
    custom_fields: { type: 'field', label: 'Custom fields' },
    owner: { type: 'field', read_only: true, label: 'Owner' },
    tags: { type: 'field', label: 'Tags' },
    created: { type: 'datetime', read_only: true, label: 'Created' },
    last_updated: { type: 'datetime', read_only: true, label: 'Last updated' },
  },
});

/** OPTIONS on the list route in 4.6 mode: writable fields under POST and PUT (bulk PUT), as NetBox. */
export function webhook46ListOptions() {
  return {
    ...FIELDS_METADATA,
    actions: { POST: FIELDS_METADATA.actions.POST, PUT: FIELDS_METADATA.actions.POST },
  };
}

/** OPTIONS on one webhook in 4.6 mode: only PUT. */
export function webhook46DetailOptions() {
  return { ...FIELDS_METADATA, name: 'Webhook Instance', actions: { PUT: FIELDS_METADATA.actions.POST } };
}
