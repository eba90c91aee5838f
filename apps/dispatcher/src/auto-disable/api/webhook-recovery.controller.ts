import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiNetBoxOperation,
  ConflictError,
  NetBoxValidationError,
  NotFoundError,
  pathIdOf,
  schemaRef,
} from '@validity/platform/netbox-api';
import { DeliverySignals } from '../../deliveries/delivery-signals';
import type { FailureReason } from '../../deliveries/delivery';
import { WebhookView } from '../../webhook-view/webhook-view';
import { RecoverableDeliveries } from '../domain/recoverable-deliveries';

/**
 * The failures `recover` replays: those the receiver caused (retries used up, 410 Gone) and the
 * deliveries that ended or were skipped because the system disabled the webhook. Failures of our own
 * (a template that does not render, a refused destination, broken conditions) would fail again.
 */
const RECOVERABLE: readonly FailureReason[] = ['retries-exhausted', 'receiver-gone', 'webhook-disabled'];

/**
 * `POST /api/extras/webhooks/{id}/recover/` (issue 18, Svix's "recover"): after a webhook was disabled
 * and its receiver fixed, replays every delivery created since `since` that failed or was skipped while
 * the webhook was failing, once, in their original order, with their original `webhook-id`s. The path
 * is the webhook's (where an operator looks), served by the dispatcher, which owns deliveries; the
 * gateway routes it here.
 */
@Controller('api/extras/webhooks')
export class WebhookRecoveryController {
  constructor(
    @Inject(RecoverableDeliveries) private readonly store: RecoverableDeliveries,
    @Inject(WebhookView) private readonly view: WebhookView,
    @Inject(DeliverySignals) private readonly signals: DeliverySignals,
  ) {}

  @Post(':id/recover')
  @HttpCode(200)
  @ApiNetBoxOperation({
    summary:
      'Replay the failed and skipped deliveries of a webhook since a time, once, in order, with their webhook-ids',
    body: {
      type: 'object',
      properties: { since: { type: 'string', format: 'date-time' } },
      required: ['since'],
    },
    success: { status: 200, schema: schemaRef('ReplayCount') },
    errors: [400, 403, 404, 409],
  })
  async recover(@Param('id') id: string, @Body() body: unknown) {
    const webhookId = pathIdOf(id);
    const since = sinceOf(body);
    const webhook = this.view.get(webhookId)?.definition;
    if (!webhook) throw new NotFoundError();
    // Replayed into a disabled webhook they would only end failed again.
    if (!webhook.enabled) throw new ConflictError('Enable the webhook before recovering its deliveries.');
    const count = await this.store.recover(webhookId, since, RECOVERABLE);
    if (count > 0) this.signals.workDue(webhookId);
    return { count };
  }
}

function sinceOf(body: unknown): Date {
  const value = (body as { since?: unknown } | null)?.since;
  if (value === undefined || value === null || value === '') {
    throw new NetBoxValidationError({ since: ['This field is required.'] });
  }
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new NetBoxValidationError({
      since: [
        'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
      ],
    });
  }
  return new Date(time);
}
