/** What one attempt's outcome means for its webhook's failure streak. */
export type AttemptVerdict = 'success' | 'failure' | 'gone';

/** The receiver said the endpoint is retired for good (Standard Webhooks: disable it, do not retry). */
export const GONE_STATUS = 410;

export function attemptVerdict(statusCode: number | null): AttemptVerdict {
  if (statusCode === GONE_STATUS) return 'gone';
  return statusCode !== null && statusCode >= 200 && statusCode < 300 ? 'success' : 'failure';
}

/**
 * Whether a streak of failures that started at `failingSince` has lasted long enough to disable the
 * webhook at `now` (`WEBHOOK_AUTO_DISABLE_AFTER`; 0 turns auto-disable off, 410 still disables).
 */
export function streakIsLongEnough(failingSince: Date, now: Date, autoDisableAfterMs: number): boolean {
  return autoDisableAfterMs > 0 && now.getTime() - failingSince.getTime() >= autoDisableAfterMs;
}
