/**
 * Milliseconds since the epoch as of this process's start, advanced by the monotonic clock: it never
 * jumps when the wall clock is stepped (NTP, a VM resumed, an operator's `date -s`). Every in-process
 * deadline (poll and sweep intervals, claim-ahead windows, circuit cool-downs) uses it: after a wall clock
 * that stepped back an hour, `Date.now() - last >= interval` stayed false for that hour, so retries
 * coming due were never offered again (the chaos run's clock fault found this). What is stored or sent
 * (attempt times, retry times) keeps the database's and the wall clock's time.
 */
export function monotonicNow(): number {
  return performance.timeOrigin + performance.now();
}
