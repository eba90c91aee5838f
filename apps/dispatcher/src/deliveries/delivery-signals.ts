/**
 * What the intake, the delivery-log API and the worker tell the rest of the dispatcher, without calling
 * into it: "deliveries of this webhook are due in the table" (the engine claims them), "retries of this
 * webhook were written" (the engine cancels them if the webhook is disabled by now) and "deliveries
 * failed" (the dead-letter publisher picks them up). Whoever listens decides what to do and when; a
 * signal nobody listens to is harmless, because the table stays the truth and every listener also
 * polls.
 */
export class DeliverySignals {
  private readonly dueListeners: Array<(webhookId: number) => void> = [];
  private readonly failedListeners: Array<() => void> = [];
  private readonly retryListeners: Array<(webhookId: number) => void> = [];

  /** Deliveries of this webhook became due (new, redelivered, retried now, or re-enabled). */
  workDue(webhookId: number): void {
    for (const listener of this.dueListeners) listener(webhookId);
  }

  /** Deliveries moved to `failed` and are not on the dead-letter topic yet. */
  deliveriesFailed(): void {
    for (const listener of this.failedListeners) listener();
  }

  /**
   * Retries of this webhook were written. An attempt that ended while its webhook was enabled has its
   * retry written after the fact: if the webhook was disabled meanwhile, the cancel that came with the
   * disable passed that delivery over (its claim held it), so it must be cancelled now.
   */
  retriesScheduled(webhookId: number): void {
    for (const listener of this.retryListeners) listener(webhookId);
  }

  onWorkDue(listener: (webhookId: number) => void): void {
    this.dueListeners.push(listener);
  }

  onDeliveriesFailed(listener: () => void): void {
    this.failedListeners.push(listener);
  }

  onRetriesScheduled(listener: (webhookId: number) => void): void {
    this.retryListeners.push(listener);
  }
}
