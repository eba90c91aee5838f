import { netboxResource, paginatedList, schemaRef } from '@validity/platform/netbox-api';
import { DELIVERY_DETAIL, DELIVERY_FILTERS, DELIVERY_OR_BRIEF } from './delivery.openapi';

/** `/api/extras/webhook-deliveries/` for the NetBox resource kit: read-only routes plus actions. */
export const DELIVERIES = netboxResource({
  controller: 'DeliveriesController',
  path: 'api/extras/webhook-deliveries',
  singular: 'delivery',
  plural: 'webhook deliveries',
  representation: DELIVERY_DETAIL,
  brief: schemaRef('BriefWebhookDelivery'),
  filters: DELIVERY_FILTERS,
  listOperation: {
    summary: 'List webhook deliveries (newest first)',
    success: { status: 200, schema: paginatedList(DELIVERY_OR_BRIEF) },
  },
});
