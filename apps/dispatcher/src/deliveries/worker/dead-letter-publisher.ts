import { Logger } from '@nestjs/common';
import {
  DEAD_LETTER_HEADERS,
  ENVELOPE_CONTENT_TYPE,
  ENVELOPE_HEADERS,
  ENVELOPE_SCHEMA_VERSION,
} from '@validity/contracts';
import { WakeLoop } from '@validity/platform/background';
import type { EventProducer } from '@validity/platform/kafka';
import type { DeliverySignals } from '../delivery-signals';
import type { DeadLetterRow, DeliveryStore } from '../store/delivery-store';

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
