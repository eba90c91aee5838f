import { Logger } from '@nestjs/common';
import { WakeLoop } from '@validity/platform/background';
import type { WebhookDefinition } from '@validity/contracts';
import type { DeliverySettings } from '../../config';
import { ClaimAheadQueues, type Claim } from '../../scheduling/claim-ahead-queues';
import type { CircuitSnapshot, CircuitState } from '../../scheduling/domain/circuit-breaker';
import { DeliveryLanes } from '../../scheduling/delivery-lanes';
import type { TokenBuckets } from '../../scheduling/domain/token-buckets';
import { RateLimitedStarts } from '../../scheduling/rate-limited-starts';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { ClaimedDelivery } from '../delivery';
import type { ClaimsAtInsert, InsertedClaim } from '../intake/claims-at-insert';
import type { DeliverySignals } from '../delivery-signals';
import type { ClaimOffer, DeliveryStore, DisabledWebhook } from '../store/delivery-store';
import { leaseSecondsOf, QUEUE_WINDOW_SECONDS } from './attempt-lease';
import type { DeliveryAttempts } from './delivery-attempts';
import type { UnstoredClaims } from './unstored-claims';
import { monotonicNow } from '../../scheduling/monotonic-clock';

/** Retries come due on the schedule; this is how soon after its due time one is claimed at the latest. */
const POLL_INTERVAL_MS = 1_000;
const SWEEP_INTERVAL_MS = 30_000;
/** A delivery row younger than this is never failed as an orphan (another instance may know its webhook). */
const ORPHAN_GRACE_SECONDS = 60;

type QueuedClaim = ClaimedDelivery & Claim;

/** What the API shows of one webhook's delivery health in this instance. */
export interface WebhookHealth {
  webhookId: number;
  circuit: CircuitSnapshot;
  inFlight: number;
  queued: number;
}

/**
 * Runs this instance's attempts, fast by construction: due deliveries are claimed from the table in
 * bulk into per-webhook claim-ahead queues (one round trip for hundreds of deliveries, fenced by their
 * lease), and every freed request slot takes the next claim from memory at once, with no database
 * round trip in between. Outcomes are written in batches by the `AttemptRecorder`.
 *
 * New deliveries it has room for reach it claimed already: the intake stores them claimed by this
 * instance and hands them over with their bodies (`ClaimsAtInsert`). Other work reaches it as signals,
 * never as calls: "work is due for webhook N" (the intake stored deliveries it had no room for; the API
 * redelivered or retried one) wakes the claim loop; the 1 s poll catches retries coming due and claims
 * whose lease ran out elsewhere. So each webhook has at most
 * `concurrencyPerWebhook` requests in flight, a webhook whose circuit is open gets none, and neither
 * delays any other webhook.
 */
export class DeliveryEngine implements ClaimsAtInsert {
  private readonly logger = new Logger('DeliveryEngine');
  private readonly lanes: DeliveryLanes;
  private readonly queues: ClaimAheadQueues<QueuedClaim>;
  private readonly claimLoop: WakeLoop;
  private readonly running = new Set<Promise<void>>();
  /** Webhooks that may have more due rows than their last claim took. */
  private readonly backlog = new Set<number>();
  /** Webhooks with queued claims that found every slot of the instance taken. */
  private readonly starved = new Set<number>();
  /** Claims to hand back to the table, written on the next claim pass. */
  private toRelease: QueuedClaim[] = [];
  /** Webhooks disabled since the last claim pass, whose waiting deliveries are to be cancelled. */
  private toCancel = new Map<number, DisabledWebhook>();
  private stopped = true;
  private readonly rateLimited: RateLimitedStarts | undefined;
  private rotation = 0;
  private lastSweep = 0;
  private lastFullPass = 0;

  constructor(
    private readonly view: WebhookView,
    private readonly store: DeliveryStore,
    private readonly attempts: DeliveryAttempts,
    private readonly settings: DeliverySettings,
    private readonly signals: DeliverySignals,
    /** Claims handed over without a row: stored when they cannot wait for their outcome, or handed back. */
    private readonly unstored: UnstoredClaims,
    /** The shared token buckets of `rate_limit_per_second`; absent: rate limits are not applied. */
    rateBuckets?: TokenBuckets,
  ) {
    this.rateLimited = rateBuckets
      ? new RateLimitedStarts(
          rateBuckets,
          (webhookId) => this.pump(webhookId),
          (error) => this.logger.warn(`taking rate-limit tokens failed: ${String(error)}`),
        )
      : undefined;
    this.lanes = new DeliveryLanes({
      total: settings.concurrency,
      perWebhook: settings.concurrencyPerWebhook,
    });
    this.queues = new ClaimAheadQueues({
      minPerWebhook: settings.concurrencyPerWebhook,
      maxPerWebhook: MAX_AHEAD_PER_WEBHOOK,
      maxBytes: MAX_AHEAD_BYTES,
      aheadMs: AHEAD_MS,
      aheadAtInsertMs: AHEAD_AT_INSERT_MS,
      maxAtInsertPerWebhook: MAX_AT_INSERT_PER_WEBHOOK,
      minAtInsertPerWebhook: MAX_ROWS_PER_CLAIM,
    });
    this.claimLoop = new WakeLoop({
      pass: () => this.claimPass(),
      intervalMs: POLL_INTERVAL_MS,
      retryAfterMs: POLL_INTERVAL_MS,
      onError: (error) => this.logger.warn(`claiming due deliveries failed: ${String(error)}`),
    });
    signals.onWorkDue((webhookId) => this.noteDue(webhookId));
    signals.onRetriesScheduled((webhookId) => {
      if (this.view.get(webhookId)?.definition.enabled === false) this.webhookChanged(webhookId);
    });
    view.onChange((webhookId) => this.webhookChanged(webhookId));
  }

  start(): void {
    this.stopped = false;
    this.claimLoop.start();
    this.unstored.start();
  }

  /** Stops claiming, hands queued claims back, and waits for the attempts in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.claimLoop.stop();
    for (const webhookId of this.queues.waiting()) this.toRelease.push(...this.queues.drain(webhookId));
    await Promise.allSettled([...this.running]);
    await this.releaseClaims().catch((error: unknown) =>
      this.logger.warn(`handing back queued claims failed (their lease expires): ${String(error)}`),
    );
    await this.unstored.stop();
  }

  inFlight(): number {
    return this.lanes.inFlight();
  }

  openCircuits(): number {
    return [...this.view.all()].filter(({ definition }) => this.lanes.circuit(definition.id).state === 'open')
      .length;
  }

  /** Each known webhook's circuit state now in this instance (a metric series per webhook). */
  circuitStates(): Array<[number, CircuitState]> {
    return [...this.view.all()].map(({ definition }) => [
      definition.id,
      this.lanes.circuit(definition.id).state,
    ]);
  }

  /** Every known webhook's circuit, requests in flight and queued claims in this instance. */
  health(): WebhookHealth[] {
    return [...this.view.all()].map(({ definition }) => ({
      webhookId: definition.id,
      circuit: this.lanes.circuit(definition.id),
      inFlight: this.lanes.busy(definition.id),
      queued: this.queues.size(definition.id),
    }));
  }

  /**
   * Room for new deliveries claimed as they are stored: only while the webhook's circuit is closed, it
   * keeps no order per object, and no older due rows of it wait in the table (they go first: a webhook
   * back from an outage drains its backlog before new traffic overtakes it). The room is seconds of what
   * the webhook can send (`ClaimAheadQueues.reserve`), so a burst's intake running ahead of the sending
   * spills nothing into the table: one overflowed row would mark a backlog, and every later delivery of
   * the burst would be stored due and take a claim statement (an update and ~700 B of WAL each).
   */
  reserve(webhookId: number, wanted: number): { granted: number; leaseSeconds: number } {
    const definition = this.view.get(webhookId)?.definition;
    if (
      this.stopped ||
      !definition?.enabled ||
      definition.ordering === 'per_object' ||
      this.backlog.has(webhookId) ||
      this.lanes.circuit(webhookId).state !== 'closed'
    )
      return { granted: 0, leaseSeconds: 0 };
    return {
      granted: this.queues.reserve(webhookId, wanted, definition.rate_limit_per_second ?? undefined),
      leaseSeconds: leaseSecondsOf(definition),
    };
  }

  accept(webhookId: number, claims: InsertedClaim[], reserved: number, claimedAt: number): void {
    this.queues.unreserve(webhookId, reserved);
    if (claims.length === 0) {
      this.forgetIfDeleted(webhookId);
      return;
    }
    if (this.stopped) {
      // Stopping: hand them back now rather than leave them to their lease.
      this.unstored
        .release(claims)
        .catch((error: unknown) =>
          this.logger.warn(`handing back new claims failed (their lease expires): ${String(error)}`),
        );
      return;
    }
    const toSend = this.unstored.track(claims);
    // Sent only while the attempt still ends inside the lease, as for claims of `claimPass`.
    this.queues.push(toSend, claimedAt + QUEUE_WINDOW_SECONDS * 1000);
    this.pump(webhookId);
    if (this.starved.size > 0) this.pumpStarved();
  }

  private noteDue(webhookId: number): void {
    this.backlog.add(webhookId);
    this.claimLoop.wake();
  }

  /**
   * A webhook changed: a deleted one's claims go back (the sweep fails its rows), a disabled one's
   * claims go back and what it had waiting is cancelled; any other may have work due.
   */
  private webhookChanged(webhookId: number): void {
    const viewed = this.view.get(webhookId);
    if (viewed?.definition.enabled) {
      this.noteDue(webhookId);
      return;
    }
    this.toRelease.push(...this.queues.drain(webhookId));
    this.backlog.delete(webhookId);
    if (!viewed) this.forgetIfDeleted(webhookId);
    else this.toCancel.set(webhookId, disabledWebhook(viewed.definition));
    this.claimLoop.wake();
  }

  /**
   * One claim pass: hand back what must go back, cancel what disabled webhooks left, claim in bulk for
   * every webhook whose queue runs low, and start what the slots allow.
   */
  private async claimPass(): Promise<boolean> {
    this.toRelease.push(...this.queues.drainExpired());
    await this.releaseClaims();
    await this.cancelDisabled();
    await this.sweep();
    if (this.stopped) return false;

    // Signalled passes offer only the webhooks known to have due work (a refill costs one cheap
    // statement even with 10,000 idle webhooks); once a poll interval, every webhook is offered, for
    // retries coming due and claims whose lease ran out elsewhere.
    const full = monotonicNow() - this.lastFullPass >= POLL_INTERVAL_MS;
    if (full) this.lastFullPass = monotonicNow();
    const offers: ClaimOffer[] = [];
    for (const { definition } of full ? this.rotatedWebhooks() : this.backlogWebhooks()) {
      if (!definition.enabled) continue;
      const id = definition.id;
      const capacity = this.lanes.capacity(id);
      if (capacity === 0) {
        // Open circuit: nothing may go out before the cooldown, so nothing waits in memory meanwhile.
        this.toRelease.push(...this.queues.drain(id));
        continue;
      }
      const busy = this.lanes.busy(id);
      const slots = capacity === 1 ? Math.max(0, 1 - busy - this.queues.size(id)) : this.queues.room(id);
      if (slots === 0) continue;
      offers.push({
        webhookId: id,
        slots,
        leaseSeconds: leaseSecondsOf(definition),
        perObject: definition.ordering === 'per_object',
      });
    }
    if (offers.length === 0) return false;

    const claimedAt = monotonicNow();
    const claimed = await this.store.claimDue(offers, MAX_ROWS_PER_CLAIM, full);
    // A full claim may have stopped before some webhooks' turn: all keep their backlog, and the next
    // pass runs at once.
    const cut = claimed.length >= MAX_ROWS_PER_CLAIM;
    const taken = new Map<number, QueuedClaim[]>();
    for (const claim of claimed) {
      const list = taken.get(claim.webhookId) ?? [];
      list.push({
        id: claim.id,
        webhookId: claim.webhookId,
        messageId: claim.messageId,
        attemptNumber: claim.attemptNumber,
        retryBase: claim.retryBase,
        event: claim.event,
        bytes: claim.event.body.length,
      });
      taken.set(claim.webhookId, list);
    }
    for (const offer of offers) {
      const claims = taken.get(offer.webhookId) ?? [];
      if (cut || claims.length === offer.slots) this.backlog.add(offer.webhookId);
      else this.backlog.delete(offer.webhookId);
      // Sent only while the attempt still ends inside the lease: lease = timeout + margin + queue window.
      this.queues.push(claims, claimedAt + QUEUE_WINDOW_SECONDS * 1000);
      this.pump(offer.webhookId);
    }
    if (this.starved.size > 0) this.pumpStarved();
    return cut;
  }

  /** Starts as many of the webhook's queued claims as its lane allows. */
  private pump(webhookId: number): void {
    const rate = this.view.get(webhookId)?.definition.rate_limit_per_second;
    if (rate && this.rateLimited) {
      this.pumpRateLimited(webhookId, rate, this.rateLimited);
      return;
    }
    const expired: QueuedClaim[] = [];
    while (!this.stopped && this.queues.size(webhookId) > 0) {
      if (this.lanes.acquire(webhookId, 1) === 0) {
        if (this.lanes.full()) this.starved.add(webhookId);
        break;
      }
      const claim = this.queues.take(webhookId, expired);
      if (!claim) {
        this.lanes.release(webhookId, 1);
        break;
      }
      this.dispatch(claim);
    }
    if (expired.length > 0) {
      this.toRelease.push(...expired);
      this.claimLoop.wake();
    }
    // Running low with more due in the table: refill before the queue runs dry.
    if (this.backlog.has(webhookId) && this.queues.room(webhookId) > 0) this.claimLoop.wake();
  }

  /**
   * `pump` for a webhook with `rate_limit_per_second`: the slots it can take now also need tokens from
   * the shared bucket (one statement for the chunk); claims start as tokens allow, the rest wait in the
   * queue (and, past their lease window, go back to the table: they wait, they are never dropped).
   */
  private pumpRateLimited(webhookId: number, rate: number, limiter: RateLimitedStarts): void {
    if (this.stopped || this.queues.size(webhookId) === 0 || limiter.isTaking(webhookId)) return;
    const slots = this.lanes.acquire(webhookId, Math.min(this.queues.size(webhookId), limiter.chunk(rate)));
    if (slots === 0) {
      if (this.lanes.full()) this.starved.add(webhookId);
      return;
    }
    limiter.take(webhookId, rate, slots, (granted) => {
      const expired: QueuedClaim[] = [];
      let started = 0;
      while (!this.stopped && started < granted) {
        const claim = this.queues.take(webhookId, expired);
        if (!claim) break;
        this.dispatch(claim);
        started += 1;
      }
      this.lanes.release(webhookId, slots - started);
      if (expired.length > 0) this.toRelease.push(...expired);
      if (expired.length > 0 || (this.backlog.has(webhookId) && this.queues.room(webhookId) > 0))
        this.claimLoop.wake();
      return started;
    });
  }

  /**
   * Serves webhooks that found every slot taken, oldest first, while slots are free. Iterates the set
   * itself (no copy): with 10,000 webhooks waiting, every finished request must cost O(1), not O(n).
   */
  private pumpStarved(): void {
    for (const webhookId of this.starved) {
      if (this.lanes.full()) return;
      this.starved.delete(webhookId);
      this.pump(webhookId);
    }
  }

  private dispatch(claimed: QueuedClaim): void {
    const started = monotonicNow();
    const attempt = this.attempts.run(claimed).then(
      (result) => {
        if (result) {
          this.lanes.finish(claimed.webhookId, result);
          this.queues.answered(claimed.webhookId, monotonicNow() - started);
        } else this.lanes.release(claimed.webhookId, 1);
        this.attemptEnded(attempt, claimed.webhookId);
      },
      (error: unknown) => {
        this.lanes.release(claimed.webhookId, 1);
        this.logger.error(`delivery=${claimed.id} attempt failed unexpectedly: ${String(error)}`);
        this.attemptEnded(attempt, claimed.webhookId);
      },
    );
    this.running.add(attempt);
  }

  private attemptEnded(attempt: Promise<void>, webhookId: number): void {
    this.running.delete(attempt);
    if (this.stopped) return;
    this.pump(webhookId);
    this.forgetIfDeleted(webhookId);
    // A freed slot may serve any webhook waiting for one, not only this one.
    if (this.starved.size > 0) this.pumpStarved();
  }

  /** Whether the engine keeps state of this webhook: a lane (slots, circuit) or a claim-ahead queue. */
  holdsStateOf(webhookId: number): boolean {
    return this.lanes.has(webhookId) || this.queues.has(webhookId);
  }

  /**
   * A deleted webhook's lane (its circuit) and claim-ahead queue go once nothing of it is in flight or
   * promised to an intake batch: the delete, the last attempt's end or the batch's hand-over, whichever
   * comes last (each of them may be it).
   */
  private forgetIfDeleted(webhookId: number): void {
    if (this.view.get(webhookId)) return;
    this.lanes.forget(webhookId);
    this.queues.forgetWebhook(webhookId);
  }

  private async releaseClaims(): Promise<void> {
    if (this.toRelease.length === 0) return;
    const claims = this.toRelease;
    this.toRelease = [];
    try {
      await this.unstored.release(claims);
    } catch (error) {
      this.toRelease.push(...claims);
      throw error;
    }
    for (const webhookId of new Set(claims.map((claim) => claim.webhookId))) this.backlog.add(webhookId);
  }

  private async cancelDisabled(): Promise<void> {
    if (this.toCancel.size === 0) return;
    const disabled = [...this.toCancel.values()];
    this.toCancel = new Map();
    try {
      this.reportEnded(await this.store.cancelWaiting(disabled));
    } catch (error) {
      for (const webhook of disabled)
        if (!this.toCancel.has(webhook.webhookId)) this.toCancel.set(webhook.webhookId, webhook);
      throw error;
    }
  }

  /**
   * Every 30 s: fails the waiting deliveries of webhooks that no longer exist and cancels those of
   * disabled webhooks (the signals did it already unless this instance missed the moment, e.g. it was
   * down, or a retry was scheduled by an attempt in flight while the webhook was disabled).
   */
  private async sweep(): Promise<void> {
    if (monotonicNow() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = monotonicNow();
    const webhooks = [...this.view.all()].map(({ definition }) => definition);
    const failed = await this.store.failOrphans(
      webhooks.map((definition) => definition.id),
      ORPHAN_GRACE_SECONDS,
    );
    if (failed > 0) {
      this.logger.warn(`failed ${failed} deliveries of deleted webhooks`);
      this.signals.deliveriesFailed();
    }
    const ended = await this.store.cancelWaiting(
      webhooks.filter((definition) => !definition.enabled).map((definition) => disabledWebhook(definition)),
    );
    this.reportEnded(ended);
  }

  private reportEnded({ cancelled, failed }: { cancelled: number; failed: number }): void {
    if (cancelled > 0) this.logger.log(`cancelled ${cancelled} deliveries of disabled webhooks`);
    if (failed > 0) {
      this.logger.log(`failed ${failed} deliveries of webhooks the system disabled`);
      this.signals.deliveriesFailed();
    }
  }

  private backlogWebhooks() {
    return [...this.backlog].flatMap((webhookId) => {
      const viewed = this.view.get(webhookId);
      return viewed ? [viewed] : [];
    });
  }

  /**
   * Webhooks known to have waiting deliveries first, so idle webhooks cannot take the shared slots from
   * them (a fan-out to 10,000 webhooks would otherwise stall on the first 20); within each group the
   * start moves every pass, so none is always last in line.
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
}

/**
 * Rows one claim statement takes at most, over all webhooks (in the order offered: webhooks known to
 * have waiting deliveries first): its answer, bodies included, is parsed in one piece, so this bounds a
 * claim's memory whatever the backlog and the number of webhooks.
 */
const MAX_ROWS_PER_CLAIM = 2_000;
/** Claim-ahead bounds: per webhook, and the bodies of all queues together (memory stays flat). */
const MAX_AHEAD_PER_WEBHOOK = 1_000;
const MAX_AHEAD_BYTES = 64 * 1024 * 1024;
/** A queue holds about this much of its webhook's recent sending, far inside the queue window. */
const AHEAD_MS = 500;
/**
 * Deliveries claimed as they are stored: up to this much of what the webhook can send, half the queue
 * window (so they are sent before it ends even if the receiver slows down twofold), at least as many as
 * one claim statement takes, at most this many per webhook (and a quarter of `MAX_AHEAD_BYTES` of bodies).
 */
const AHEAD_AT_INSERT_MS = (QUEUE_WINDOW_SECONDS * 1000) / 2;
const MAX_AT_INSERT_PER_WEBHOOK = 20_000;

/** A disabled webhook as the store's cancel statement takes it: since its last change, with its reason. */
function disabledWebhook(definition: WebhookDefinition): DisabledWebhook {
  return {
    webhookId: definition.id,
    since: new Date(definition.last_updated),
    reason: definition.disabled_reason ?? '',
  };
}
