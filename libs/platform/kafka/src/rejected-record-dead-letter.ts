import type { Kafka } from 'kafkajs';
import { DEAD_LETTER_HEADERS, DEAD_LETTER_TOPIC } from '@validity/contracts';
import type { ConsumedRecord } from './consumer-runner';
import { EventProducer } from './event-producer';

export interface RejectedRecordDeadLetterOptions {
  kafka: Kafka;
  /** Who rejected it, e.g. `gateway-tokens`; goes in the consumer-group header. */
  consumerName: string;
  topic?: string;
  /** Where a failed dead-letter send is reported (it is never retried: the record stays ignored anyway). */
  warn: (line: string) => void;
}

/**
 * Dead-letters internal records a projection refused (bad HMAC). Only the key and headers travel, never
 * the value: a genuine definition signed with another key (a misconfigured service) holds a webhook
 * secret, and the dead-letter topic is read by more people than the internal topics. Sends run in the
 * background, so a flood of forged records cannot stall the projection that ignores them.
 */
export class RejectedRecordDeadLetter {
  private producer: Promise<EventProducer> | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: RejectedRecordDeadLetterOptions) {}

  reject(consumed: ConsumedRecord, reason: string, message: string): void {
    const send = this.send(consumed, reason, message)
      .catch((error: unknown) =>
        this.options.warn(`could not dead-letter ${consumed.topic}@${consumed.offset}: ${String(error)}`),
      )
      .finally(() => this.pending.delete(send));
    this.pending.add(send);
  }

  /** Waits for the sends in flight, then disconnects. */
  async stop(): Promise<void> {
    await Promise.all(this.pending);
    const producer = await this.producer?.catch(() => undefined);
    await producer?.disconnect();
  }

  private async send(consumed: ConsumedRecord, reason: string, message: string): Promise<void> {
    this.producer ??= EventProducer.connect(this.options.kafka);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(consumed.record.headers)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) headers[name] = first.toString();
    }
    await (
      await this.producer
    ).send(this.options.topic ?? DEAD_LETTER_TOPIC, [
      {
        key: consumed.record.key?.toString('utf8') ?? '',
        value: Buffer.alloc(0),
        headers: {
          ...headers,
          [DEAD_LETTER_HEADERS.reason]: reason,
          [DEAD_LETTER_HEADERS.message]: message,
          [DEAD_LETTER_HEADERS.sourceTopic]: consumed.topic,
          [DEAD_LETTER_HEADERS.sourcePartition]: String(consumed.partition),
          [DEAD_LETTER_HEADERS.sourceOffset]: consumed.offset,
          [DEAD_LETTER_HEADERS.consumerGroup]: this.options.consumerName,
        },
      },
    ]);
  }
}
