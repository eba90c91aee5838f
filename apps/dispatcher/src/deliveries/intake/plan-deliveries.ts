import type { DecodedEnvelope } from '@validity/contracts';
import type { DecodedRecord } from '@validity/platform/kafka';
import { matchWebhooks } from '../../matching/match-webhooks';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { DeliverySignals } from '../delivery-signals';
import type { DeliveryStore, IncomingEvent, PlannedDelivery } from '../store/delivery-store';

/**
 * The intake use case: a batch of consumed events becomes delivery rows, one per (event, matching
 * webhook), stored in one statement before the batch's offset is committed; then it signals "work is
 * due" for each webhook that got new deliveries, and the engine claims them in bulk. Before matching,
 * the webhook view catches up with its topic, so an event is never matched against a view older than
 * the event.
 */
export class PlanDeliveries {
  constructor(
    private readonly view: WebhookView,
    private readonly viewCaughtUp: () => Promise<void>,
    private readonly store: DeliveryStore,
    private readonly signals: DeliverySignals,
  ) {}

  async handle(records: readonly DecodedRecord<DecodedEnvelope>[]): Promise<void> {
    await this.viewCaughtUp();
    const events = new Map<string, IncomingEvent>();
    const planned: PlannedDelivery[] = [];
    for (const { value, consumed } of records) {
      const matches = matchWebhooks(this.view.forContentType(value.objectType), {
        event: value.event,
        objectType: value.objectType,
        data: value.envelope.data,
      });
      if (matches.length === 0) continue;
      events.set(value.eventId, {
        eventId: value.eventId,
        event: value.event,
        objectType: value.objectType,
        objectId: value.key,
        requestId: value.envelope.request_id,
        timestamp: value.envelope.timestamp,
        body: value.raw,
        topic: consumed.topic,
        partition: consumed.partition,
        offset: consumed.offset,
      });
      for (const { webhookId, conditionError, skippedBecause } of matches) {
        planned.push({
          eventId: value.eventId,
          webhookId,
          failure: skippedBecause
            ? { reason: 'webhook-disabled', error: `skipped: the webhook was disabled: ${skippedBecause}` }
            : conditionError === null
              ? null
              : { reason: 'condition-error', error: conditionError },
        });
      }
    }
    if (planned.length === 0) return;

    const inserted = await this.store.insertPlanned([...events.values()], planned);
    const due = new Set<number>();
    let failedAtOnce = false;
    for (const delivery of inserted) {
      if (delivery.status === 'failed') failedAtOnce = true;
      else due.add(delivery.webhookId);
    }
    for (const webhookId of due) this.signals.workDue(webhookId);
    if (failedAtOnce) this.signals.deliveriesFailed();
  }
}
