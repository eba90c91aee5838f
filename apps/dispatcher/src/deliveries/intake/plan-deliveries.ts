import type { DecodedEnvelope } from '@validity/contracts';
import type { DecodedRecord } from '@validity/platform/kafka';
import { matchWebhooks } from '../../matching/match-webhooks';
import type { WebhookView } from '../../webhook-view/webhook-view';
import { messageIdOf } from '../delivery';
import type {
  DeliveryStore,
  IncomingEvent,
  InsertedDelivery,
  PlannedDelivery,
} from '../store/delivery-store';
import { leaseSecondsOf } from '../worker/attempt-lease';
import type { DeliveryScheduler } from '../worker/delivery-scheduler';

/**
 * The intake use case: a batch of consumed events becomes delivery rows, one per (event, matching
 * webhook), stored in one transaction before the batch's offset is committed. Deliveries whose webhook
 * has a free lane slot are claimed for their first attempt in the same insert and started right after
 * the commit; the others wait in the table for the scheduler. Before matching, the webhook view catches
 * up with its topic, so an event is never matched against a view older than the event.
 */
export class PlanDeliveries {
  constructor(
    private readonly view: WebhookView,
    private readonly viewCaughtUp: () => Promise<void>,
    private readonly store: DeliveryStore,
    private readonly scheduler: DeliveryScheduler,
    private readonly onFailedAtOnce: () => void,
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
      for (const { webhookId, conditionError } of matches) {
        const definition = this.view.get(webhookId)!.definition;
        const hot = conditionError === null && this.scheduler.reserve(webhookId);
        planned.push({
          eventId: value.eventId,
          webhookId,
          claimLeaseSeconds: hot ? leaseSecondsOf(definition) : null,
          failure: conditionError === null ? null : { reason: 'condition-error', error: conditionError },
        });
      }
    }
    if (planned.length === 0) return;

    let inserted: InsertedDelivery[];
    try {
      inserted = await this.store.insertPlanned([...events.values()], planned);
    } catch (error) {
      for (const delivery of planned)
        if (delivery.claimLeaseSeconds !== null) this.scheduler.cancel(delivery.webhookId);
      throw error;
    }
    this.startStored(planned, inserted, events);
  }

  /** Starts the claimed new deliveries; a pair that already existed (a redelivered record) starts nothing. */
  private startStored(
    planned: readonly PlannedDelivery[],
    inserted: readonly InsertedDelivery[],
    events: ReadonlyMap<string, IncomingEvent>,
  ): void {
    const insertedIds = new Map(inserted.map((row) => [messageIdOf(row.eventId, row.webhookId), row.id]));
    let failedAtOnce = false;
    for (const delivery of planned) {
      const messageId = messageIdOf(delivery.eventId, delivery.webhookId);
      const id = insertedIds.get(messageId);
      insertedIds.delete(messageId);
      if (delivery.claimLeaseSeconds !== null) {
        if (id === undefined) this.scheduler.cancel(delivery.webhookId);
        else {
          this.scheduler.dispatch({
            id,
            webhookId: delivery.webhookId,
            messageId,
            attemptNumber: 1,
            retryBase: 0,
            event: events.get(delivery.eventId)!,
          });
        }
      } else if (id !== undefined) {
        if (delivery.failure) failedAtOnce = true;
        else this.scheduler.noteBacklog(delivery.webhookId);
      }
    }
    if (failedAtOnce) this.onFailedAtOnce();
  }
}
