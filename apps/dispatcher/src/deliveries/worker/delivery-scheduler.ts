import { Logger } from '@nestjs/common';
import type { DeliverySettings } from '../../config';
import type { CircuitState } from '../../scheduling/circuit-breaker';
import { DeliveryLanes } from '../../scheduling/delivery-lanes';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { ClaimedDelivery } from '../delivery';
import type { ClaimOffer, DeliveryStore } from '../store/delivery-store';
import { leaseSecondsOf } from './attempt-lease';
import type { DeliveryAttempts } from './delivery-attempts';

/** Retries come due on the schedule; this is how soon after a due time one is claimed at the latest. */
const POLL_INTERVAL_MS = 1_000;
const ORPHAN_SWEEP_INTERVAL_MS = 30_000;
/** A delivery row younger than this is never failed as an orphan (another instance may know its webhook). */
const ORPHAN_GRACE_SECONDS = 60;

/**
 * Runs the attempts of this instance. Work reaches it two ways:
 *
 * - the hot path: the intake reserves a lane slot before it stores a new delivery and hands the stored
 *   delivery straight over (`dispatch`), with no polling delay;
 * - the schedule: everything else (retries, deliveries the hot path had no slot for, claims of crashed
 *   instances) is claimed from the table, at most as many per webhook as its lane has free slots.
 *
 * So each webhook has at most `concurrencyPerWebhook` requests in flight, a webhook whose circuit is
 * open gets none, and neither delays any other webhook.
 */
export class DeliveryScheduler {
  private readonly logger = new Logger('DeliveryScheduler');
  private readonly lanes: DeliveryLanes;
  private readonly running = new Set<Promise<void>>();
  /** Webhooks that may have more due deliveries than their last claim took. */
  private readonly backlog = new Set<number>();
  private claiming: Promise<void> | undefined;
  private claimAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private rotation = 0;
  private lastOrphanSweep = 0;

  constructor(
    private readonly view: WebhookView,
    private readonly store: DeliveryStore,
    private readonly attempts: DeliveryAttempts,
    private readonly settings: DeliverySettings,
    private readonly onOrphansFailed: () => void,
  ) {
    this.lanes = new DeliveryLanes({
      total: settings.concurrency,
      perWebhook: settings.concurrencyPerWebhook,
    });
    view.onChange((webhookId) => {
      if (!view.get(webhookId)) this.lanes.forget(webhookId);
      this.noteBacklog(webhookId);
    });
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), POLL_INTERVAL_MS);
    this.wake();
  }

  /** Stops claiming and waits for the attempts in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.claiming;
    await Promise.allSettled([...this.running]);
  }

  /** Hot path: takes a slot for the first attempt of a delivery about to be stored, if one is free. */
  reserve(webhookId: number): boolean {
    return !this.stopped && this.lanes.acquire(webhookId, 1) === 1;
  }

  /** Gives back a reserved slot that `dispatch` will not use. */
  cancel(webhookId: number): void {
    this.lanes.release(webhookId, 1);
  }

  /** Starts an attempt whose slot is held (reserved or claimed). */
  dispatch(claimed: ClaimedDelivery): void {
    const attempt = this.attempts
      .run(claimed)
      .then(
        (result) =>
          result ? this.lanes.finish(claimed.webhookId, result) : this.lanes.release(claimed.webhookId, 1),
        (error: unknown) => {
          this.lanes.release(claimed.webhookId, 1);
          this.logger.error(`delivery=${claimed.id} attempt failed unexpectedly: ${String(error)}`);
        },
      )
      .finally(() => {
        this.running.delete(attempt);
        // A freed slot may serve any webhook with waiting deliveries, not only this one.
        if (this.backlog.size > 0) this.wake();
      });
    this.running.add(attempt);
  }

  /** A webhook got deliveries this instance did not start: claim them as soon as its lane allows. */
  noteBacklog(webhookId: number): void {
    this.backlog.add(webhookId);
    this.wake();
  }

  inFlight(): number {
    return this.lanes.inFlight();
  }

  openCircuits(): number {
    return this.lanes.openCircuits();
  }

  circuitStates(): Array<[number, CircuitState]> {
    return this.lanes.circuitStates();
  }

  /** Runs a claim pass now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.claimWhileAsked().finally(() => (this.claiming = undefined));
  }

  private async claimWhileAsked(): Promise<void> {
    do {
      this.claimAgain = false;
      try {
        await this.claimOnce();
        await this.sweepOrphans();
      } catch (error) {
        this.logger.warn(`claiming due deliveries failed: ${String(error)}`);
        return;
      }
    } while (this.claimAgain && !this.stopped);
  }

  private async claimOnce(): Promise<void> {
    const offers: ClaimOffer[] = [];
    for (const { definition } of this.rotatedWebhooks()) {
      if (!definition.enabled) continue;
      const slots = this.lanes.acquire(definition.id, this.settings.concurrencyPerWebhook);
      if (slots > 0)
        offers.push({ webhookId: definition.id, slots, leaseSeconds: leaseSecondsOf(definition) });
    }
    let claimed: ClaimedDelivery[] = [];
    try {
      claimed = await this.store.claimDue(offers);
    } finally {
      const takenBy = new Map<number, number>();
      for (const { webhookId } of claimed) takenBy.set(webhookId, (takenBy.get(webhookId) ?? 0) + 1);
      for (const offer of offers) {
        const taken = takenBy.get(offer.webhookId) ?? 0;
        this.lanes.release(offer.webhookId, offer.slots - taken);
        if (taken === offer.slots) this.backlog.add(offer.webhookId);
        else this.backlog.delete(offer.webhookId);
      }
    }
    for (const delivery of claimed) this.dispatch(delivery);
  }

  /**
   * Webhooks known to have waiting deliveries first, so idle webhooks cannot take the shared slots from
   * them (a fan-out to 1,000 webhooks would otherwise stall on the first 20); within each group the start
   * moves every pass, so none is always last in line.
   */
  private rotatedWebhooks() {
    const webhooks = [...this.view.all()];
    if (webhooks.length === 0) return webhooks;
    const start = this.rotation++ % webhooks.length;
    const rotated = [...webhooks.slice(start), ...webhooks.slice(0, start)];
    const waiting = rotated.filter(({ definition }) => this.backlog.has(definition.id));
    const idle = rotated.filter(({ definition }) => !this.backlog.has(definition.id));
    return [...waiting, ...idle];
  }

  private async sweepOrphans(): Promise<void> {
    if (Date.now() - this.lastOrphanSweep < ORPHAN_SWEEP_INTERVAL_MS) return;
    this.lastOrphanSweep = Date.now();
    const known = [...this.view.all()].map(({ definition }) => definition.id);
    const failed = await this.store.failOrphans(known, ORPHAN_GRACE_SECONDS);
    if (failed > 0) {
      this.logger.warn(`failed ${failed} deliveries of deleted webhooks`);
      this.onOrphansFailed();
    }
  }
}
