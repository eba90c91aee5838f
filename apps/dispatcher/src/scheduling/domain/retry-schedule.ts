/** What decides when a failed delivery is tried again. */
export interface RetryInput {
  /** Seconds before each retry (`DELIVERY_RETRY_SCHEDULE`); its length is the number of retries. */
  scheduleSeconds: readonly number[];
  /** Attempts already made in the current schedule, the one that just failed included (1, 2, ...). */
  failedAttempts: number;
  /** The receiver's `Retry-After` header, as received. */
  retryAfter?: string;
  now: Date;
  /** Uniform in [0, 1); `Math.random` outside tests. */
  random: () => number;
}

/** Each delay is spread ±20 %, so deliveries that failed together do not all retry together. */
const JITTER = 0.2;

/**
 * Milliseconds until the next attempt, or `null` when the schedule is used up (the delivery fails).
 *
 * `Retry-After` (seconds or an HTTP date) can lengthen the wait but never shorten it below the jittered
 * schedule, and never past the schedule's longest step: a receiver may ask for time, but cannot make us
 * hammer it, nor park a delivery for longer than the operator's own schedule ever would.
 */
export function retryDelayMs(input: RetryInput): number | null {
  const { scheduleSeconds, failedAttempts, retryAfter, now, random } = input;
  const scheduled = scheduleSeconds[failedAttempts - 1];
  if (scheduled === undefined) return null;
  const jittered = scheduled * 1000 * (1 - JITTER + 2 * JITTER * random());
  const requested = retryAfter === undefined ? undefined : retryAfterMs(retryAfter, now);
  if (requested === undefined) return Math.round(jittered);
  const longest = Math.max(...scheduleSeconds) * 1000;
  return Math.round(Math.max(jittered, Math.min(requested, longest)));
}

/** Attempts a delivery gets in one schedule: the first one and one per retry. */
export function maxAttempts(scheduleSeconds: readonly number[]): number {
  return scheduleSeconds.length + 1;
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` (RFC 9110 §10.2.3) in ms from now. */
export function retryAfterMs(header: string, now: Date): number | undefined {
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
