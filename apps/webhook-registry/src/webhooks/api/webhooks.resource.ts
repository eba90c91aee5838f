import { netboxResource } from '@validity/platform/netbox-api';
import { BRIEF_WEBHOOK, WEBHOOK, WEBHOOK_FILTERS } from './webhook.openapi';

/**
 * `/api/extras/webhooks/` for the NetBox resource kit, NetBox's bulk writes included. Its OPTIONS answers
 * stay in `webhook-options.ts` (3.6 and 4.6 mode, with NetBox's bulk PUT).
 */
export const WEBHOOKS = netboxResource({
  controller: 'WebhooksController',
  path: 'api/extras/webhooks',
  singular: 'webhook',
  plural: 'webhooks',
  representation: WEBHOOK,
  brief: BRIEF_WEBHOOK,
  filters: WEBHOOK_FILTERS,
  documentPostOnDetail: true,
  instanceOptions: true,
  writable: 'WritableWebhook',
  patched: 'PatchedWritableWebhook',
  conflicts: true,
  writes: {
    create: {
      errors: [400, 403, 413, 415],
      links: ['get', 'replace', 'modify', 'remove', 'optionsOne'],
    },
    replace: {},
    modify: {},
    remove: {},
  },
  bulk: { create: true },
});
