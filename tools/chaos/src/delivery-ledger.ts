import type { AcceptedDelivery } from './chaos-receiver';
import type { CreatedReport } from './report-stream';

export interface LedgerSummary {
  events: number;
  /** (event, webhook) pairs that must arrive: events × webhooks. */
  expected: number;
  /** Expected pairs no receiver accepted. */
  lost: number;
  /** Accepted requests beyond the first for a pair (at-least-once delivery's price). */
  duplicates: number;
  /** Duplicates whose `webhook-id` differs from the first copy's: receivers could not dedupe them. */
  duplicatesWithNewId: number;
  /**
   * Seconds from the moment the fault ended until the last late first delivery (see LATE_AFTER_MS): when
   * deliveries were back to their normal pace. Null while pairs are missing.
   */
  recoveryS: number | null;
}

/**
 * A first delivery this long after its report was confirmed is late, i.e. it waited on the fault. Normal
 * end-to-end latency on the test machine is well under it (see docs/benchmarks.md), so only the fault's
 * backlog counts, whether the events were confirmed before, during or just after the fault.
 */
export const LATE_AFTER_MS = 2_000;

/** Compares what had to arrive with what the receivers accepted. */
export function summarise(
  reports: readonly CreatedReport[],
  webhooks: readonly string[],
  accepted: readonly AcceptedDelivery[],
  faultEndedAtMs: number,
): LedgerSummary {
  const byPair = new Map<string, AcceptedDelivery[]>();
  for (const delivery of accepted) {
    const key = pairKey(delivery.reportId, delivery.webhook);
    const copies = byPair.get(key);
    if (copies) copies.push(delivery);
    else byPair.set(key, [delivery]);
  }
  let lost = 0;
  let duplicates = 0;
  let duplicatesWithNewId = 0;
  let lastLateAtMs = faultEndedAtMs;
  for (const report of reports) {
    for (const webhook of webhooks) {
      const copies = byPair.get(pairKey(report.id, webhook));
      if (!copies) {
        lost += 1;
        continue;
      }
      const [first, ...again] = [...copies].sort((a, b) => a.atMs - b.atMs);
      duplicates += again.length;
      duplicatesWithNewId += again.filter((copy) => copy.webhookId !== first.webhookId).length;
      if (first.atMs - report.createdAtMs > LATE_AFTER_MS) lastLateAtMs = Math.max(lastLateAtMs, first.atMs);
    }
  }
  return {
    events: reports.length,
    expected: reports.length * webhooks.length,
    lost,
    duplicates,
    duplicatesWithNewId,
    recoveryS: lost > 0 ? null : round1((lastLateAtMs - faultEndedAtMs) / 1_000),
  };
}

/** Pairs still missing; the run waits for this to reach zero before it counts anything. */
export function missingPairs(
  reports: readonly CreatedReport[],
  webhooks: readonly string[],
  accepted: readonly AcceptedDelivery[],
): number {
  const seen = new Set(accepted.map((delivery) => pairKey(delivery.reportId, delivery.webhook)));
  let missing = 0;
  for (const report of reports) {
    for (const webhook of webhooks) if (!seen.has(pairKey(report.id, webhook))) missing += 1;
  }
  return missing;
}

function pairKey(reportId: number, webhook: string): string {
  return `${reportId}/${webhook}`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
