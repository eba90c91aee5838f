import type { Decider } from '@validity/platform/event-store';
import type { StoredWebhook } from '../../webhooks/domain/webhook';
import type { WebhookState } from '../../webhooks/domain/webhook.decider';

/** The webhooks inside one write transaction, as the event-rule use cases read and change them. */
export interface EventRuleWebhookWrites {
  /** Every webhook, by name (the order NetBox lists event rules in). */
  all(): Promise<StoredWebhook[]>;
  /** The webhooks with these ids that exist, by name. */
  findMany(ids: readonly number[]): Promise<StoredWebhook[]>;
  /**
   * Decides a command on the stream of `webhook`, as read and validated (a stream that moved on since is
   * a 409); returns the webhook after it.
   */
  decide<Command>(
    webhook: StoredWebhook,
    decider: Decider<WebhookState, Command>,
    command: Command,
  ): Promise<StoredWebhook>;
}

/**
 * NetBox 4.6 stores an event rule as its webhook's triggers (one table, one stream per webhook), so the
 * rules are read and written through the webhooks: this port is what the event-rule use cases need of
 * them, the webhooks store answers it (wired in `event-rules.module.ts`).
 */
export abstract class EventRuleWebhooks {
  /** Every webhook, by name. */
  abstract all(): Promise<StoredWebhook[]>;
  abstract find(id: number): Promise<StoredWebhook | undefined>;
  /** Runs `work` in one write transaction, with the webhooks' concurrency failures answered as for webhooks. */
  abstract write<T>(work: (webhooks: EventRuleWebhookWrites) => Promise<T>): Promise<T>;
}
