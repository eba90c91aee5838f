import { Fifo } from './fifo';
import { monotonicNow } from './monotonic-clock';

export interface ClaimAheadLimits {
  /** Fewest claims a webhook's queue aims to hold (a round of its slots, so slots never wait on a claim). */
  minPerWebhook: number;
  /** Most claims one webhook's queue holds. */
  maxPerWebhook: number;
  /** Bytes of bodies all queues together hold at most: bounds memory whatever the backlog. */
  maxBytes: number;
  /** How many milliseconds of a webhook's recent sending rate its queue aims to hold. */
  aheadMs: number;
  /**
   * How many milliseconds of what a webhook can send its queue may hold of deliveries claimed as they are
   * stored (`reserve`): far more than `aheadMs`, so the intake of a burst stays ahead of the sending without
   * spilling rows into the table, and well inside the queue window, so they are sent before it ends.
   */
  aheadAtInsertMs: number;
  /**
   * Claims a webhook's queue may always hold at insert: a burst's first batches arrive before anything is
   * known of the receiver, and one slow first answer must not spill the next batch into the table. What
   * a slow receiver cannot send in time goes back to the table when the queue window ends.
   */
  minAtInsertPerWebhook: number;
  /**
   * Most claims a webhook's queue holds at insert. Their bodies also stay within a quarter of `maxBytes`
   * per webhook and half of it over all queues, so claims at insert never take the room that claims
   * from the table (retries, backlogs) need.
   */
  maxAtInsertPerWebhook: number;
}

export interface Claim {
  webhookId: number;
  /** The body's size, for the memory bound. */
  bytes: number;
}

interface Queue<T> {
  items: Fifo<{ claim: T; sendBy: number }>;
  /** Places promised to claims being stored by the intake right now (see `reserve`). */
  reserved: number;
  bytes: number;
  /** Sends in the current and the previous rate window, for the queue's target size. */
  sentNow: number;
  sentBefore: number;
  windowStart: number;
  /** Average body size seen, for sizing a claim before its bodies are known. */
  averageBytes: number;
  /**
   * The fastest answer (ms from an attempt's start to its outcome) in the webhook's current answer
   * window (`ANSWER_WINDOW_MS` from its first answer), and in the last window before it that had
   * answers (however long ago: the end of one burst sizes the start of the next); Infinity until then.
   */
  fastestNow: number;
  fastestBefore: number;
  answerWindowStart: number;
}

const DEFAULT_BODY_BYTES = 4_096;
/**
 * The window of `answered`: the fastest answer of the last one to two seconds of answers sizes the room
 * at insert. A second spans many of the intake's batches (a window of 32 answers, ~10 ms of sending,
 * could lie wholly inside one and read 11-19 ms for a 1-2 ms receiver), and a receiver that turns slow
 * loses its room within two seconds of slow answers.
 */
const ANSWER_WINDOW_MS = 1_000;

/**
 * The claim-ahead queues, one per webhook: deliveries claimed from the table in bulk (one round trip
 * for hundreds), waiting in memory for a free request slot. Each claim carries the time it must be sent
 * by (its lease minus the request's timeout and a margin), so an attempt always ends inside its lease:
 * a claim still queued at that time is handed back instead of sent, and can never race an attempt of
 * another instance that claimed it after the lease ran out.
 *
 * A queue aims to hold `aheadMs` of its webhook's recent sending rate, between the limits: a fast
 * receiver gets claims of hundreds, a slow one only a few more than its slots (so nothing waits long
 * in memory), and all queues together hold at most `maxBytes` of bodies. Deliveries claimed as they are
 * stored get more room (`reserve`): seconds of what the webhook can send, not half a second of refill.
 */
export class ClaimAheadQueues<T extends Claim> {
  private readonly queues = new Map<number, Queue<T>>();
  private bytes = 0;

  constructor(
    private readonly limits: ClaimAheadLimits,
    private readonly now: () => number = monotonicNow,
  ) {}

  push(claims: readonly T[], sendBy: number): void {
    for (const claim of claims) {
      const queue = this.queue(claim.webhookId);
      queue.items.push({ claim, sendBy });
      queue.bytes += claim.bytes;
      this.bytes += claim.bytes;
      queue.averageBytes = queue.averageBytes * 0.9 + claim.bytes * 0.1;
    }
  }

  /**
   * Promises up to `wanted` places to claims that are being stored (claimed as they are inserted), so
   * intake batches stored side by side cannot overfill the queue; `unreserve` gives the promise back once
   * they are pushed (or were not stored). Returns how many were promised.
   *
   * Sized by what the webhook can send (`aheadAtInsertMs` of it), not by the refill rule of `room`: a
   * claim at insert costs no claim statement, so there is nothing to keep bulky, and a burst whose intake
   * runs seconds ahead of the sending must fit, or its overflow waits in the table and every later
   * delivery of the burst goes through a claim statement too (the engine's backlog rule). What it can
   * send: a round of its slots per answer time, the fastest recent one (see `answered`; a webhook keeps
   * its slots full while its queue holds claims), at most `maxPerSecond` (its rate limit).
   */
  reserve(webhookId: number, wanted: number, maxPerSecond?: number): number {
    const queue = this.queue(webhookId);
    const queued = queue.items.length + queue.reserved;
    const bytesLeft = Math.min(this.limits.maxBytes / 2 - this.bytes, this.limits.maxBytes / 4 - queue.bytes);
    const affordable = Math.floor(bytesLeft / Math.max(1, queue.averageBytes));
    const granted = Math.max(
      0,
      Math.min(wanted, this.targetAtInsert(queue, maxPerSecond) - queued, affordable),
    );
    queue.reserved += granted;
    return granted;
  }

  /**
   * An attempt of the webhook got its outcome after `ms`: what `reserve` learns its sending from. It
   * keeps the fastest of the recent answers, not their average: the time measured is the receiver's
   * plus however long this process's event loop was busy elsewhere before it read the answer, and while
   * the intake stores a burst (batches of hundreds decoded, matched and inserted on the same loop) that
   * wait is most of it: answers of a receiver that takes 1-2 ms read 40-60 ms on average, which sized
   * the room at its 2,000 minimum, spilled the burst into the table and sent every later delivery of it
   * through a claim statement (docs/performance.md, "Round nine"). The intake's work ends with the burst;
   * the receiver's pace is what the queue is sent at afterwards, and a slow receiver has no fast answer.
   */
  answered(webhookId: number, ms: number): void {
    const queue = this.queues.get(webhookId);
    if (!queue) return;
    const now = this.now();
    if (now - queue.answerWindowStart >= ANSWER_WINDOW_MS) {
      if (queue.fastestNow !== Infinity) queue.fastestBefore = queue.fastestNow;
      queue.fastestNow = Infinity;
      queue.answerWindowStart = now;
    }
    queue.fastestNow = Math.min(queue.fastestNow, ms);
  }

  unreserve(webhookId: number, count: number): void {
    const queue = this.queues.get(webhookId);
    if (queue) queue.reserved = Math.max(0, queue.reserved - count);
  }

  /**
   * The webhook's next claim that may still be sent, or undefined. Claims past their time are moved to
   * `expired` (to be handed back).
   */
  take(webhookId: number, expired: T[]): T | undefined {
    const queue = this.queues.get(webhookId);
    if (!queue) return undefined;
    const now = this.now();
    for (let item = queue.items.shift(); item !== undefined; item = queue.items.shift()) {
      const { claim, sendBy } = item;
      this.forget(queue, claim);
      if (sendBy > now) {
        this.countSend(queue, now);
        return claim;
      }
      expired.push(claim);
    }
    return undefined;
  }

  /** Removes and returns every claim of the webhook (disabled, deleted, circuit opened). */
  drain(webhookId: number): T[] {
    const queue = this.queues.get(webhookId);
    if (!queue) return [];
    const claims = queue.items.takeAll().map(({ claim }) => claim);
    for (const claim of claims) this.forget(queue, claim);
    return claims;
  }

  /** Removes and returns every claim past its time, in every queue. */
  drainExpired(): T[] {
    const now = this.now();
    const expired: T[] = [];
    for (const queue of this.queues.values()) {
      const oldest = queue.items.peek();
      if (oldest === undefined || oldest.sendBy > now) continue;
      for (const { claim } of queue.items.removeWhere(({ sendBy }) => sendBy <= now)) {
        this.forget(queue, claim);
        expired.push(claim);
      }
    }
    return expired;
  }

  size(webhookId: number): number {
    return this.queues.get(webhookId)?.items.length ?? 0;
  }

  /** Webhooks with claims waiting. */
  waiting(): number[] {
    return [...this.queues].filter(([, queue]) => queue.items.length > 0).map(([id]) => id);
  }

  totalBytes(): number {
    return this.bytes;
  }

  /**
   * How many more claims to take for the webhook now: none while its queue is above half its target
   * (so claims stay bulky), else up to the target, within the memory bound.
   */
  room(webhookId: number): number {
    const queue = this.queue(webhookId);
    const target = this.target(queue);
    const queued = queue.items.length + queue.reserved;
    if (queued > target / 2) return 0;
    const bytesLeft = this.limits.maxBytes - this.bytes;
    if (bytesLeft <= 0) return 0;
    const affordable = Math.max(1, Math.floor(bytesLeft / Math.max(1, queue.averageBytes)));
    return Math.min(target - queued, affordable);
  }

  /** Whether the webhook has a queue (claims, promised places, or what its sending taught). */
  has(webhookId: number): boolean {
    return this.queues.has(webhookId);
  }

  /** Drops the bookkeeping of a webhook that no longer exists (its claims must be drained first). */
  forgetWebhook(webhookId: number): void {
    if (this.size(webhookId) === 0 && this.queues.get(webhookId)?.reserved === 0)
      this.queues.delete(webhookId);
  }

  private target(queue: Queue<T>): number {
    this.roll(queue, this.now());
    const windowMs = RATE_WINDOW_MS;
    const rate = Math.max(queue.sentNow, queue.sentBefore) / windowMs;
    const wanted = Math.ceil(rate * this.limits.aheadMs);
    return Math.min(this.limits.maxPerWebhook, Math.max(this.limits.minPerWebhook, wanted));
  }

  private targetAtInsert(queue: Queue<T>, maxPerSecond?: number): number {
    const { minPerWebhook, aheadAtInsertMs, minAtInsertPerWebhook, maxAtInsertPerWebhook } = this.limits;
    const answerMs = Math.min(queue.fastestNow, queue.fastestBefore);
    const sendable = (minPerWebhook / Math.max(1, answerMs)) * aheadAtInsertMs;
    const target = Math.min(maxAtInsertPerWebhook, Math.max(minAtInsertPerWebhook, Math.ceil(sendable)));
    return maxPerSecond === undefined
      ? target
      : Math.min(target, Math.max(minPerWebhook, Math.ceil((maxPerSecond * aheadAtInsertMs) / 1000)));
  }

  private countSend(queue: Queue<T>, now: number): void {
    this.roll(queue, now);
    queue.sentNow += 1;
  }

  private roll(queue: Queue<T>, now: number): void {
    if (now - queue.windowStart < RATE_WINDOW_MS) return;
    const windows = Math.floor((now - queue.windowStart) / RATE_WINDOW_MS);
    queue.sentBefore = windows === 1 ? queue.sentNow : 0;
    queue.sentNow = 0;
    queue.windowStart += windows * RATE_WINDOW_MS;
  }

  private forget(queue: Queue<T>, claim: T): void {
    queue.bytes -= claim.bytes;
    this.bytes -= claim.bytes;
  }

  private queue(webhookId: number): Queue<T> {
    let queue = this.queues.get(webhookId);
    if (!queue) {
      queue = {
        items: new Fifo(),
        reserved: 0,
        bytes: 0,
        sentNow: 0,
        sentBefore: 0,
        windowStart: this.now(),
        averageBytes: DEFAULT_BODY_BYTES,
        fastestNow: Infinity,
        fastestBefore: Infinity,
        answerWindowStart: -Infinity,
      };
      this.queues.set(webhookId, queue);
    }
    return queue;
  }
}

/** The rate window: a second of sends, the previous one kept so a fresh window does not read as idle. */
const RATE_WINDOW_MS = 1_000;
