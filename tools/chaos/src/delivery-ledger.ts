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
   * Seconds from the moment the fault ended until every event confirmed before that moment had reached
   * every webhook; null while pairs are missing.
   */
  recoveryS: number | null;
}

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
  let backlogClearedAtMs = faultEndedAtMs;
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
      if (report.createdAtMs <= faultEndedAtMs) {
        backlogClearedAtMs = Math.max(backlogClearedAtMs, first.atMs);
      }
    }
  }
  return {
    events: reports.length,
    expected: reports.length * webhooks.length,
    lost,
    duplicates,
    duplicatesWithNewId,
    recoveryS: lost > 0 ? null : round1((backlogClearedAtMs - faultEndedAtMs) / 1_000),
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
