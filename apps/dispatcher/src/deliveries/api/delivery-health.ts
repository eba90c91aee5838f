import type { DeliveryStore } from '../store/delivery-store';
import type { DeliveryEngine, WebhookHealth } from '../worker/delivery-engine';

export interface WebhookHealthEntry extends WebhookHealth {
  /** Pending or retrying deliveries in the table, over all instances. */
  waiting: number;
}

/**
 * Each webhook's delivery health for operators: its circuit breaker, requests in flight and claims
 * queued in the instance that answers (circuits are per instance, like the request slots they guard),
 * and its deliveries waiting in the table.
 */
export class DeliveryHealth {
  constructor(
    private readonly engine: DeliveryEngine,
    private readonly store: DeliveryStore,
  ) {}

  async webhooks(webhookIds: readonly number[] | null): Promise<WebhookHealthEntry[]> {
    const waiting = await this.store.waitingByWebhook();
    return this.engine
      .health()
      .filter((health) => webhookIds === null || webhookIds.includes(health.webhookId))
      .sort((a, b) => a.webhookId - b.webhookId)
      .map((health) => ({ ...health, waiting: waiting.get(health.webhookId) ?? 0 }));
  }
}
