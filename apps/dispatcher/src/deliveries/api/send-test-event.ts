import { preciseNow } from '@validity/contracts';
import {
  ConflictError,
  DRF_MESSAGES,
  DrfField,
  NetBoxValidationError,
  primaryKeyField,
  validateInput,
} from '@validity/platform/netbox-api';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { DeliverySignals } from '../delivery-signals';
import { sampleReportCreatedEvent } from '../domain/sample-report-event';
import type { DeliveryStore } from '../store/delivery-store';
import type { DeliveryLog, DeliveryLogEntry } from './delivery-log';

/** Where a test event says it was read from: no Kafka topic (a partition and offset of -1). */
export const TEST_EVENT_SOURCE = { topic: '', partition: -1, offset: '-1' } as const;

/** Who asks, for the sample event's `username` and `request_id`. */
export interface TestEventCaller {
  username: string;
  requestId: string;
}

/**
 * "Send a test event" to one webhook: a sample compliance report `created` event, delivered to that
 * webhook only (whatever its content types, events and conditions say) as a normal delivery, rendered
 * with its own templates and headers and signed with its secret, so the delivery log shows the outcome
 * and the attempts like any other (retried on the schedule, redeliverable).
 */
export class SendTestEvent {
  constructor(
    private readonly view: WebhookView,
    private readonly catchUpWebhooks: () => Promise<void>,
    private readonly store: DeliveryStore,
    private readonly signals: DeliverySignals,
    private readonly log: DeliveryLog,
  ) {}

  async execute(body: unknown, caller: TestEventCaller): Promise<DeliveryLogEntry> {
    // No body at all reads as an empty object, as DRF reads it: "This field is required."
    const { webhook: webhookId } = validateInput(TestEventInput, body === undefined ? {} : body, {
      required: ['webhook'],
    });
    // A webhook created a moment ago is known once the view caught up with the registry's topic.
    await this.catchUpWebhooks();
    const definition = this.view.get(webhookId)?.definition;
    if (!definition) throw new NetBoxValidationError({ webhook: [DRF_MESSAGES.pkDoesNotExist(webhookId)] });
    if (!definition.enabled)
      throw new ConflictError('This webhook is disabled: enable it to send a test event.');
    const event = sampleReportCreatedEvent({ ...caller, now: preciseNow() });
    const [inserted] = await this.store.insertPlanned(
      [{ ...event, ...TEST_EVENT_SOURCE }],
      [{ eventId: event.eventId, webhookId, failure: null, perObject: definition.ordering === 'per_object' }],
    );
    // The answer is the delivery as created: read before the engine hears of it, or a fast receiver's
    // attempt may already be in it.
    const created = await this.log.get(inserted.id);
    this.signals.workDue(webhookId);
    return created;
  }
}

/** `{"webhook": <id>}`: a `PrimaryKeyRelatedField` over the webhooks this dispatcher knows. */
class TestEventInput {
  @DrfField(primaryKeyField)
  webhook!: number;
}
