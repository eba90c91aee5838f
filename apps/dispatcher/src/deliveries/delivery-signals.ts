/**
 * What the intake, the delivery-log API and the worker tell the rest of the dispatcher, without calling
 * into it: "deliveries of this webhook are due in the table" (the engine claims them) and "deliveries
 * failed" (the dead-letter publisher picks them up). Whoever listens decides what to do and when; a
 * signal nobody listens to is harmless, because the table stays the truth and every listener also
 * polls.
 */
export class DeliverySignals {
  private readonly dueListeners: Array<(webhookId: number) => void> = [];
  private readonly failedListeners: Array<() => void> = [];

  /** Deliveries of this webhook became due (new, redelivered, retried now, or re-enabled). */
  workDue(webhookId: number): void {
    for (const listener of this.dueListeners) listener(webhookId);
  }

  /** Deliveries moved to `failed` and are not on the dead-letter topic yet. */
  deliveriesFailed(): void {
    for (const listener of this.failedListeners) listener();
  }

  onWorkDue(listener: (webhookId: number) => void): void {
    this.dueListeners.push(listener);
  }

  onDeliveriesFailed(listener: () => void): void {
    this.failedListeners.push(listener);
  }
}
