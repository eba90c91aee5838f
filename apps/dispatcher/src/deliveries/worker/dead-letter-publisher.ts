import { Logger } from '@nestjs/common';
import {
  encodeOperationalEvent,
  isOperationalObjectType,
  DEAD_LETTER_HEADERS,
  ENVELOPE_CONTENT_TYPE,
  ENVELOPE_HEADERS,
  ENVELOPE_SCHEMA_VERSION,
} from '@validity/contracts';
import { WakeLoop } from '@validity/platform/background';
import type { EventProducer } from '@validity/platform/kafka';
import type { DeliverySignals } from '../delivery-signals';
import type { DeadLetterRow, DeliveryStore } from '../store/delivery-store';
import { operationalDeliveryData } from '../../auto-disable/domain/operational-delivery-data';

const PER_ROUND = 100;
const SWEEP_INTERVAL_MS = 5_000;

/**
 * Puts every failed delivery on the dead-letter topic, once it is failed in the database: the record
 * is the event itself (its envelope bytes and headers, so it can be replayed as is) plus why it failed,
 * for which webhook, after how many attempts. Woken by the "deliveries failed" signal, and sweeping
 * periodically for any a crash left unpublished.
 */
export class DeadLetterPublisher {
  private readonly logger = new Logger('DeadLetters');
  private readonly loop: WakeLoop;

  constructor(
    private readonly store: DeliveryStore,
    private readonly producer: EventProducer,
    private readonly topic: string,
    signals: DeliverySignals,
  ) {
    this.loop = new WakeLoop({
      // A full round means there may be more: the loop runs again at once.
      pass: async () =>
        (await this.store.publishDeadLetters(PER_ROUND, (rows) => this.publish(rows))) === PER_ROUND,
      intervalMs: SWEEP_INTERVAL_MS,
      retryAfterMs: SWEEP_INTERVAL_MS,
      onError: (error) => this.logger.warn(`publishing dead letters failed: ${String(error)}`),
    });
    signals.onDeliveriesFailed(() => this.loop.wake());
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private async publish(rows: DeadLetterRow[]): Promise<void> {
    // Issue 18: retries used up is what an operator is paged for; published with the dead letter, so
    // at least once too. Not for deliveries of operational events themselves: a failing pager webhook
    // would otherwise page itself forever.
    const exhausted = rows
      .filter(
        (row) => row.failure_reason === 'retries-exhausted' && !isOperationalObjectType(row.object_type),
      )
      .map((row) => exhaustedEvent(row));
    if (exhausted.length > 0) {
      await this.producer.send(
        exhausted[0].topic,
        exhausted.map((event) => event.message),
      );
    }
    await this.producer.send(
      this.topic,
      rows.map((row) => ({
        key: row.object_id ?? '',
        value: row.body,
        headers: {
          [ENVELOPE_HEADERS.eventId]: row.event_id,
          [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
          [ENVELOPE_HEADERS.schemaVersion]: ENVELOPE_SCHEMA_VERSION,
          [ENVELOPE_HEADERS.objectType]: row.object_type,
          [ENVELOPE_HEADERS.event]: row.event,
          [DEAD_LETTER_HEADERS.reason]: row.failure_reason,
          [DEAD_LETTER_HEADERS.message]: row.last_error ?? '',
          [DEAD_LETTER_HEADERS.webhookId]: String(row.webhook_id),
          [DEAD_LETTER_HEADERS.deliveryId]: row.id,
          [DEAD_LETTER_HEADERS.attempts]: String(row.attempt_count),
          [DEAD_LETTER_HEADERS.messageId]: row.message_id,
        },
      })),
    );
  }
}

/** `validity-events.delivery.exhausted` for one failed delivery. */
function exhaustedEvent(row: DeadLetterRow) {
  return encodeOperationalEvent({
    objectType: 'validity-events.delivery',
    event: 'exhausted',
    objectId: row.id,
    username: 'dispatcher',
    at: new Date(),
    data: operationalDeliveryData(row),
  });
}
