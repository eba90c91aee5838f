import { Logger } from '@nestjs/common';
import {
  DEAD_LETTER_HEADERS,
  ENVELOPE_CONTENT_TYPE,
  ENVELOPE_HEADERS,
  ENVELOPE_SCHEMA_VERSION,
} from '@validity/contracts';
import type { EventProducer } from '@validity/platform/kafka';
import type { DeadLetterRow, DeliveryStore } from '../store/delivery-store';

const PER_ROUND = 100;
const SWEEP_INTERVAL_MS = 5_000;

/**
 * Puts every failed delivery on the dead-letter topic, once it is failed in the database: the record
 * is the event itself (its envelope bytes and headers, so it can be replayed as is) plus why it failed,
 * for which webhook, after how many attempts. Woken when deliveries fail, and sweeping periodically for
 * any a crash left unpublished.
 */
export class DeadLetterPublisher {
  private readonly logger = new Logger('DeadLetters');
  private running: Promise<void> | undefined;
  private runAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly store: DeliveryStore,
    private readonly producer: EventProducer,
    private readonly topic: string,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), SWEEP_INTERVAL_MS);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.publishAll().finally(() => (this.running = undefined));
  }

  private async publishAll(): Promise<void> {
    do {
      this.runAgain = false;
      try {
        let published: number;
        do published = await this.store.publishDeadLetters(PER_ROUND, (rows) => this.publish(rows));
        while (published === PER_ROUND && !this.stopped);
      } catch (error) {
        this.logger.warn(`publishing dead letters failed: ${String(error)}`);
        return;
      }
    } while (this.runAgain && !this.stopped);
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
