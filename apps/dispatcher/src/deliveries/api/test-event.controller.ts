import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { authenticatedToken } from '@validity/platform/auth';
import { ApiNetBoxOperation, created, requestIdOf, schemaRef } from '@validity/platform/netbox-api';
import { WebhookView } from '../../webhook-view/webhook-view';
import { DeliveryLog } from './delivery-log';
import { DELIVERY_DETAIL } from './delivery.openapi';
import { deliveryDetailRepresentation } from './delivery.representation';
import { SendTestEvent } from './send-test-event';

/**
 * `POST /api/extras/webhook-deliveries/test/` with `{"webhook": <id>}`: delivers a sample compliance
 * report `created` event to that webhook only and answers the new delivery (201, `Location` = its
 * detail), which the delivery log then shows with its attempts.
 */
@Controller('api/extras/webhook-deliveries')
export class TestEventController {
  constructor(
    @Inject(SendTestEvent) private readonly sendTestEvent: SendTestEvent,
    @Inject(DeliveryLog) private readonly log: DeliveryLog,
    @Inject(WebhookView) private readonly view: WebhookView,
  ) {}

  @Post('test')
  @ApiNetBoxOperation({
    summary:
      'Send a test event (a sample validity.compliancereport created event) to one enabled webhook, as a logged delivery',
    body: schemaRef('WebhookTestEvent'),
    success: { status: 201, schema: DELIVERY_DETAIL },
    errors: [400, 403, 409, 413, 415],
  })
  async send(@Req() request: Request, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const entry = await this.sendTestEvent.execute(body, {
      username: authenticatedToken(request).user.username,
      requestId: requestIdOf(request),
    });
    const representation = deliveryDetailRepresentation(
      request,
      this.view,
      entry,
      await this.log.attempts(entry.id),
    );
    return created(response, representation.url, representation);
  }
}
