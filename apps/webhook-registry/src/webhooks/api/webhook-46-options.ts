import { CHANGE_LOGGED_OPTIONS, optionsMetadata } from '@validity/platform/netbox-api';
import { PAYLOAD_URL_FIELD, REQUEST_FIELDS, TLS_FIELDS } from './webhook-options';

/**
 * NetBox 4.6's DRF metadata of the webhook serializer: labels and help texts as NetBox 4.x's `extras.Webhook`
 * model gives them (4.x writes `<code>X-Hook-Signature</code>` where 3.6 quoted it).
 */
const FIELDS_METADATA = optionsMetadata({
  name: 'Webhook List',
  bulkUpdate: true,
  fields: {
    id: { type: 'integer', read_only: true, label: 'ID' },
    url: { type: 'field', read_only: true, label: 'Url' },
    display_url: { type: 'field', read_only: true, label: 'Display url' },
    display: { type: 'field', read_only: true, label: 'Display' },
    name: { type: 'string', required: true, label: 'Name', max_length: 150 },
    description: { type: 'string', label: 'Description', max_length: 200 },
    ...PAYLOAD_URL_FIELD,
    ...REQUEST_FIELDS,
    secret: {
      type: 'string',
      label: 'Secret',
      help_text:
        'When provided, the request will include a <code>X-Hook-Signature</code> header containing a HMAC hex ' +
        'digest of the payload body using the secret as the key. The secret is not transmitted in the request.',
      max_length: 255,
    },
    ...TLS_FIELDS,
    custom_fields: { type: 'field', label: 'Custom fields' },
    owner: { type: 'field', read_only: true, label: 'Owner' },
    tags: { type: 'field', label: 'Tags' },
    ...CHANGE_LOGGED_OPTIONS,
  },
});

/** OPTIONS on the list route in 4.6 mode: writable fields under POST and PUT (bulk PUT), as NetBox. */
export function webhook46ListOptions() {
  return FIELDS_METADATA;
}
