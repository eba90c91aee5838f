import { netboxResource, schemaRef } from '@validity/platform/netbox-api';
import { TOKEN, TOKEN_FILTERS } from './api-token.openapi';

/** `/api/users/tokens/` for the NetBox resource kit: OpenAPI operations and OPTIONS. */
export const API_TOKENS = netboxResource({
  controller: 'ApiTokensController',
  path: 'api/users/tokens',
  singular: 'API token',
  plural: 'API tokens',
  representation: TOKEN,
  brief: schemaRef('BriefToken'),
  filters: TOKEN_FILTERS,
  // PATCH reads the same body as PUT, every field optional (`ApiTokenInput`).
  writable: 'WritableToken',
  patched: 'WritableToken',
  writes: {
    create: {
      summary: 'Create an API token (its key is shown in this answer only)',
      success: { status: 201, schema: schemaRef('CreatedToken') },
    },
    replace: {},
    modify: {},
    remove: { summary: 'Revoke an API token' },
  },
  options: {
    summary: 'Field metadata (DRF metadata)',
    name: 'Token List',
    bulkUpdate: true,
    description: '',
    fields: {
      id: { type: 'integer', read_only: true, label: 'ID' },
      user: { type: 'nested object', required: false, label: 'User' },
      key: { type: 'string', required: false, label: 'Key', max_length: 40 },
      write_enabled: {
        type: 'boolean',
        required: false,
        label: 'Write enabled',
        help_text: 'Permit create/update/delete operations using this key',
      },
      expires: { type: 'datetime', required: false, label: 'Expires' },
      description: { type: 'string', required: false, label: 'Description', max_length: 200 },
    },
  },
});
