import { listOf, netboxResource, schemaRef } from '@validity/platform/netbox-api';
import { BRIEF_WEBHOOK, WEBHOOK, WEBHOOK_FILTERS } from './webhook.openapi';

/**
 * `/api/extras/webhooks/` for the NetBox resource kit. Its OPTIONS answers stay in `webhook-options.ts`
 * (list and detail, with NetBox's bulk PUT); the bulk routes' operations are declared here too.
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
  writable: 'WritableWebhook',
  patched: 'PatchedWritableWebhook',
  conflicts: true,
});

/** Bulk writes on the list route, each item with its id, all or none. */
export const WEBHOOKS_BULK = {
  create: WEBHOOKS.create({
    summary: 'Create a webhook, or with a list body several at once (all or none)',
    body: { anyOf: [schemaRef('WritableWebhook'), listOf(schemaRef('WritableWebhook'))] },
    success: {
      status: 201,
      schema: { anyOf: [WEBHOOK, listOf(WEBHOOK)] },
      links: WEBHOOKS.links(['get', 'replace', 'modify', 'remove', 'optionsOne']),
    },
    errors: [400, 403, 413, 415],
  }),
  replace: WEBHOOKS.replace({
    summary: 'Replace several webhooks (bulk, each item with its id)',
    body: listOf(schemaRef('BulkWritableWebhook')),
    success: { status: 200, schema: listOf(WEBHOOK) },
  }),
  modify: WEBHOOKS.modify({
    summary: 'Change fields of several webhooks (bulk, each item with its id)',
    body: listOf(schemaRef('PatchedBulkWritableWebhook')),
    success: { status: 200, schema: listOf(WEBHOOK) },
  }),
  remove: WEBHOOKS.remove({
    summary: 'Delete several webhooks (bulk)',
    body: listOf(schemaRef('BulkWebhookId')),
    errors: [400, 403, 404, 409, 413, 415],
  }),
};
