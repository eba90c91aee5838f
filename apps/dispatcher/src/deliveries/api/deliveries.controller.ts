import { Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiNetBoxOperation,
  Brief,
  GetRoute,
  NetBoxController,
  NetBoxResourceController,
  NetBoxValidationError,
  ObjectId,
  paginate,
  paginatedList,
  parsePagination,
  requestUrl,
  schemaRef,
  type QueryParams,
  type ResourceReads,
  type ResourceView,
} from '@validity/platform/netbox-api';
import { WebhookView } from '../../webhook-view/webhook-view';
import { DeliveryHealth } from './delivery-health';
import { DeliveryLog, type DeliveryLogEntry } from './delivery-log';
import { DELIVERIES } from './deliveries.resource';
import { DELIVERY_DETAIL, DELIVERY_HEALTH_QUERY } from './delivery.openapi';
import {
  briefDeliveryRepresentation,
  deliveryDetailRepresentation,
  deliveryHealthRepresentation,
  deliveryRepresentation,
} from './delivery.representation';

/**
 * `/api/extras/webhook-deliveries/`: the delivery log NetBox lacks (netbox#11360, #7848), in NetBox's
 * REST conventions. Filters: `webhook_id`, `status`, `event`, `event_id`, `object_type`, `object_id`,
 * `message_id`, `created`/`last_updated` with `__gte`/`__lte`/..., `id`. Also each webhook's delivery
 * health (`health/`: circuit breaker, in flight, queued, waiting) and retrying a retrying delivery now.
 */
@NetBoxController()
export class DeliveriesController
  extends NetBoxResourceController(DELIVERIES)
  implements ResourceReads<DeliveryLogEntry>
{
  constructor(
    @Inject(DeliveryLog) private readonly log: DeliveryLog,
    @Inject(WebhookView) private readonly view: WebhookView,
    @Inject(DeliveryHealth) private readonly health: DeliveryHealth,
  ) {
    super();
  }

  get rows() {
    return this.log;
  }

  /** A list row; the detail route (`get`) adds the attempts. */
  represent(entry: DeliveryLogEntry, { brief, request }: ResourceView) {
    if (brief) return briefDeliveryRepresentation(request, entry);
    return deliveryRepresentation(request, this.view, entry);
  }

  /** Redelivers every delivered or failed delivery the filters (the list's) select: `{"count": n}`. */
  @Post('replay')
  @HttpCode(200)
  @ApiNetBoxOperation({
    summary: 'Redeliver every delivered or failed delivery the filters select (at least one filter)',
    query: DELIVERIES.filterQuery(),
    success: { status: 200, schema: schemaRef('ReplayCount') },
    errors: [400, 403],
  })
  async replay(@Query() query: QueryParams) {
    return { count: await this.log.replay(query) };
  }

  /** Each webhook's circuit breaker and delivery queue in this instance, and its waiting deliveries. */
  @Get('health')
  @ApiNetBoxOperation({
    summary:
      "Each webhook's delivery health: circuit breaker, requests in flight, queued and waiting deliveries",
    query: DELIVERY_HEALTH_QUERY,
    success: { status: 200, schema: paginatedList(schemaRef('WebhookDeliveryHealth')) },
    errors: [400, 403],
  })
  async webhookHealth(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const entries = await this.health.webhooks(webhookIdsOf(query.webhook_id));
    const results = entries
      .slice(page.offset, page.offset + page.limit)
      .map((entry) => deliveryHealthRepresentation(request, this.view, entry));
    return paginate(requestUrl(request), entries.length, results, page);
  }

  @GetRoute(DELIVERIES, { summary: 'Get a delivery with its attempts' })
  async get(@Req() request: Request, @ObjectId() id: number, @Brief() brief: boolean) {
    const entry = await this.log.get(id);
    if (brief) return briefDeliveryRepresentation(request, entry);
    return deliveryDetailRepresentation(request, this.view, entry, await this.log.attempts(entry.id));
  }

  /** Sends a delivered or failed delivery again, with the same `webhook-id` and a fresh retry schedule. */
  @Post(':id/redeliver')
  @HttpCode(200)
  @ApiNetBoxOperation({
    summary: 'Send a delivered or failed delivery again (same webhook-id)',
    success: { status: 200, schema: DELIVERY_DETAIL },
    errors: [403, 404, 409],
  })
  async redeliver(@Req() request: Request, @ObjectId() id: number) {
    const entry = await this.log.redeliver(id);
    return deliveryDetailRepresentation(request, this.view, entry, await this.log.attempts(entry.id));
  }

  /**
   * Makes a retrying delivery due now instead of at its scheduled time (same `webhook-id`; the attempt
   * counts in its schedule). 409 when it is not retrying, or an attempt of it is in progress.
   */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiNetBoxOperation({
    summary: 'Retry a retrying delivery now (same webhook-id)',
    success: { status: 200, schema: DELIVERY_DETAIL },
    errors: [403, 404, 409],
  })
  async retry(@Req() request: Request, @ObjectId() id: number) {
    const entry = await this.log.retryNow(id);
    return deliveryDetailRepresentation(request, this.view, entry, await this.log.attempts(entry.id));
  }
}

/** `webhook_id=1&webhook_id=2`: the ids asked for, or null for all; a 400 naming the field otherwise. */
function webhookIdsOf(value: QueryParams[string]): number[] | null {
  if (value === undefined) return null;
  const values = Array.isArray(value) ? value : [value];
  const ids = values.map((text) => (/^\d{1,9}$/.test(String(text)) ? Number(text) : NaN));
  if (ids.some((id) => Number.isNaN(id)))
    throw new NetBoxValidationError({ webhook_id: ['Enter a whole number.'] });
  return ids;
}
