import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { decodeWebhookDefinition, WEBHOOK_DEFINITIONS_TOPIC } from '@validity/contracts';
import {
  CompactedTopicFollower,
  RejectedRecordDeadLetter,
  type InternalRecordAuthenticator,
  type PartitionLag,
} from '@validity/platform/kafka';
import type { WebhookView } from './webhook-view';

const WARN_INTERVAL_MS = 30_000;
const CATCH_UP_TIMEOUT_MS = 30_000;

export interface WebhookViewProjectionOptions {
  kafka: Kafka;
  view: WebhookView;
  topic: string;
  /** Checks the registry's HMAC on each definition; a forged one would receive events with their data. */
  authenticator: InternalRecordAuthenticator;
  deadLetterTopic: string;
}

/**
 * Keeps a `WebhookView` equal to the compacted webhook-definitions topic (the topic is the state). A
 * record without the registry's HMAC is ignored (tombstones too) and dead-lettered without its value.
 */
export class WebhookViewProjection {
  private readonly logger = new Logger('WebhookView');
  private readonly follower: CompactedTopicFollower;
  private readonly rejected: RejectedRecordDeadLetter;

  constructor({ kafka, view, topic, authenticator, deadLetterTopic }: WebhookViewProjectionOptions) {
    this.rejected = new RejectedRecordDeadLetter({
      kafka,
      consumerName: 'dispatcher-webhooks',
      topic: deadLetterTopic,
      warn: (line) => this.logger.warn(line),
    });
    this.follower = new CompactedTopicFollower({
      kafka,
      topic,
      groupPrefix: 'dispatcher-webhooks',
      apply: (key, value, consumed) => {
        const check = authenticator.verify(WEBHOOK_DEFINITIONS_TOPIC, consumed.record);
        if (!check.ok) {
          this.logger.warn(
            `ignored webhook record ${String(key)} at offset ${consumed.offset}: ${check.reason}`,
          );
          this.rejected.reject(consumed, check.reason, check.message);
          return;
        }
        const id = Number(key?.toString());
        if (value === null) {
          if (Number.isSafeInteger(id)) view.remove(id);
          return;
        }
        const decoded = decodeWebhookDefinition(value);
        // Only the reason: a parser's message may quote the record, and definitions carry secrets.
        if (!decoded.ok) this.logger.warn(`skipped webhook record ${String(key)}: ${decoded.reason}`);
        else view.put(decoded.value);
      },
    });
  }

  /**
   * Resolves once the view holds everything published before the call. It waits as long as that takes
   * (warning periodically): matching events against a partial set of webhooks would silently skip
   * deliveries, which is worse than starting late.
   */
  async start(): Promise<void> {
    await this.follower.start();
    for (;;) {
      try {
        return await this.follower.catchUp(WARN_INTERVAL_MS);
      } catch {
        this.logger.warn(
          'still reading the webhook definitions; deliveries start once every webhook is known',
        );
      }
    }
  }

  /**
   * Resolves once the view holds every definition the topic had when called, so an event is matched
   * against every webhook created before it (the registry answers a write only once it is on the topic).
   * Rejects after 30 s; the caller's batch is then retried.
   */
  catchUp(): Promise<void> {
    return this.follower.catchUp(CATCH_UP_TIMEOUT_MS);
  }

  /** Definition records published but not applied to the view yet. */
  lag(): Promise<PartitionLag[]> {
    return this.follower.lag();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await this.rejected.stop();
  }
}
