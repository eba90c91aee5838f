import { netboxResource, paginatedList } from '@validity/platform/netbox-api';
import {
  DELIVERY_DETAIL,
  DELIVERY_DETAIL_OR_BRIEF,
  DELIVERY_LIST_QUERY,
  DELIVERY_OR_BRIEF,
} from './delivery.openapi';

/** `/api/extras/webhook-deliveries/` for the NetBox resource kit: read-only routes plus actions. */
export const DELIVERIES = netboxResource({
  controller: 'DeliveriesController',
  path: 'api/extras/webhook-deliveries',
  singular: 'delivery',
  plural: 'webhook deliveries',
  representation: DELIVERY_DETAIL,
  representationOrBrief: DELIVERY_DETAIL_OR_BRIEF,
  listQuery: DELIVERY_LIST_QUERY,
  listOperation: {
    summary: 'List webhook deliveries (newest first)',
    success: { status: 200, schema: paginatedList(DELIVERY_OR_BRIEF) },
  },
});
