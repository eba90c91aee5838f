import { WEBHOOK_HTTP_METHODS } from '@validity/contracts';
import { optionsMetadata } from '@validity/platform/netbox-api';

/** NetBox 4.6's DRF metadata of the webhook serializer (labels as NetBox's model gives them). */
const FIELDS_METADATA = optionsMetadata({
  name: 'Webhook List',
  fields: {
    id: { type: 'integer', read_only: true, label: 'ID' },
    url: { type: 'field', read_only: true, label: 'Url' },
    display_url: { type: 'field', read_only: true, label: 'Display url' },
    display: { type: 'field', read_only: true, label: 'Display' },
    name: { type: 'string', required: true, label: 'Name', max_length: 150 },
    description: { type: 'string', label: 'Description', max_length: 200 },
    payload_url: { type: 'string', required: true, label: 'URL', max_length: 500 },
    http_method: {
      type: 'choice',
      label: 'HTTP method',
      choices: WEBHOOK_HTTP_METHODS.map((method) => ({ value: method, display_name: method })),
    },
    http_content_type: { type: 'string', label: 'HTTP content type', max_length: 100 },
    additional_headers: { type: 'string', label: 'Additional headers' },
    body_template: { type: 'string', label: 'Body template' },
    secret: { type: 'string', label: 'Secret', max_length: 255 },
    ssl_verification: { type: 'boolean', label: 'SSL verification' },
    ca_file_path: { type: 'string', label: 'CA File Path', max_length: 4096 },
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
