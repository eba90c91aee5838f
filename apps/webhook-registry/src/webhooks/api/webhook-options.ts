import { WEBHOOK_HTTP_METHODS } from '@validity/contracts';
import { optionsMetadata } from '@validity/platform/netbox-api';

const FIELDS_METADATA = optionsMetadata({
  name: 'Webhook List',
  fields: {
    id: { type: 'integer', read_only: true, label: 'ID' },
    url: { type: 'field', read_only: true, label: 'Url' },
    display: { type: 'field', read_only: true, label: 'Display' },
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
    type_job_start: { type: 'boolean', label: 'On job start' },
    type_job_end: { type: 'boolean', label: 'On job end' },
    payload_url: { type: 'string', required: true, label: 'URL', max_length: 500 },
    enabled: { type: 'boolean', label: 'Enabled' },
    http_method: {
      type: 'choice',
      label: 'HTTP method',
      choices: WEBHOOK_HTTP_METHODS.map((method) => ({ value: method, display_name: method })),
    },
    http_content_type: { type: 'string', label: 'HTTP content type', max_length: 100 },
    additional_headers: { type: 'string', label: 'Additional headers' },
    body_template: { type: 'string', label: 'Body template' },
    secret: { type: 'string', label: 'Secret', max_length: 255 },
    conditions: { type: 'field', label: 'Conditions' },
    ssl_verification: { type: 'boolean', label: 'SSL verification' },
    ca_file_path: { type: 'string', label: 'CA File Path', max_length: 4096 },
    timeout: { type: 'integer', label: 'Timeout', help_text: 'Seconds to wait for the receiver (1-3600).' },
    secret_rotated_at: { type: 'datetime', read_only: true, label: 'Secret rotated at' },
    secret_overlap_ends: { type: 'datetime', read_only: true, label: 'Secret overlap ends' },
    disabled_reason: { type: 'string', read_only: true, label: 'Disabled reason' },
    custom_fields: { type: 'field', label: 'Custom fields' },
    tags: { type: 'field', label: 'Tags' },
    created: { type: 'datetime', read_only: true, label: 'Created' },
    last_updated: { type: 'datetime', read_only: true, label: 'Last updated' },
  },
});

/**
 * OPTIONS on the list route, as NetBox's `BulkOperationMetadata` answers it: the writable fields under
 * both POST and PUT (the list route takes bulk PUT). pynetbox's `choices()` reads
 * `actions.POST.http_method.choices`.
 */
export function webhookListOptions() {
  return {
    ...FIELDS_METADATA,
    actions: { POST: FIELDS_METADATA.actions.POST, PUT: FIELDS_METADATA.actions.POST },
  };
}

/** OPTIONS on a webhook: only PUT (there is no POST to a detail route). */
export function webhookDetailOptions() {
  return { ...FIELDS_METADATA, name: 'Webhook Instance', actions: { PUT: FIELDS_METADATA.actions.POST } };
}
