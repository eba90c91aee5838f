import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  isBrief,
  paginate,
  parsePagination,
  requestUrl,
  type QueryParams,
} from '@validity/platform/netbox-api';
import { WebhookView } from '../../webhook-view/webhook-view';
import { DeliveryLog } from './delivery-log';
import {
  briefDeliveryRepresentation,
  deliveryDetailRepresentation,
  deliveryRepresentation,
} from './delivery.representation';

/**
 * `/api/extras/webhook-deliveries/`: the delivery log NetBox lacks (netbox#11360, #7848), in NetBox's
 * REST conventions. Filters: `webhook_id`, `status`, `event`, `event_id`, `object_type`, `object_id`,
 * `message_id`, `created`/`last_updated` with `__gte`/`__lte`/..., `id`.
 */
@Controller('api/extras/webhook-deliveries')
export class DeliveriesController {
  constructor(
    @Inject(DeliveryLog) private readonly log: DeliveryLog,
    @Inject(WebhookView) private readonly view: WebhookView,
  ) {}

  @Get()
  async list(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const { count, results } = await this.log.list(query, page);
    const represent = isBrief(query)
      ? (entry: (typeof results)[number]) => briefDeliveryRepresentation(request, entry)
      : (entry: (typeof results)[number]) => deliveryRepresentation(request, this.view, entry);
    return paginate(requestUrl(request), count, results.map(represent), page);
  }

  /** Redelivers every delivered or failed delivery the filters (the list's) select: `{"count": n}`. */
  @Post('replay')
  @HttpCode(200)
  async replay(@Query() query: QueryParams) {
    return { count: await this.log.replay(query) };
  }

  @Get(':id')
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    const entry = await this.log.get(Number(id));
    if (isBrief(query)) return briefDeliveryRepresentation(request, entry);
    return deliveryDetailRepresentation(request, this.view, entry, await this.log.attempts(entry.id));
  }

  /** Sends a delivered or failed delivery again, with the same `webhook-id` and a fresh retry schedule. */
  @Post(':id/redeliver')
  @HttpCode(200)
  async redeliver(@Req() request: Request, @Param('id') id: string) {
    const entry = await this.log.redeliver(Number(id));
    return deliveryDetailRepresentation(request, this.view, entry, await this.log.attempts(entry.id));
  }
}
