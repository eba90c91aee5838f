/**
 * kafkajs 2.2.4 keeps every broker connection's request queue in a timer loop while nothing is pending:
 * `checkPendingRequests` always ends by scheduling itself again, with a negative delay when the
 * connection is not throttled, so each connection wakes the event loop about a thousand times a second
 * (tulios/kafkajs#1556, #1704; the fix in #1667 was never released). Measured on an idle stack: 4-5 % of
 * a core per service, most of it under `scheduleCheckPendingRequests`. kafkajs is unmaintained, so the
 * queue is mended here: a check is scheduled only while requests wait (at the end of a throttle, or after
 * kafkajs's 10 ms check interval), which is every case the loop was there for: a request queued while
 * throttled or over `maxInFlightRequests` is pushed to `pending`, and `push` schedules the check.
 */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's `CHECK_PENDING_REQUESTS_INTERVAL` (src/network/requestQueue/index.js). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

let mended = false;

export function mendIdleRequestQueueLoop(): void {
  if (mended) return;
  mended = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueueClass = require('kafkajs/src/network/requestQueue') as {
    prototype: RequestQueue;
  };
  RequestQueueClass.prototype.scheduleCheckPendingRequests = function scheduleWhilePending(
    this: RequestQueue,
  ) {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
    );
  };
}
