import type { AcceptedDelivery } from './chaos-receiver';
import type { FaultCheck } from './faults';
import type { ValidityClient } from './validity-client';

interface ReportPage {
  next: string | null;
  results: Array<{ id: number }>;
}

/** The newest report id now (reports list newest first); the check looks at every id after it. */
export async function newestReportId(client: ValidityClient): Promise<number> {
  const answer = await client.call('GET', 'plugins/validity/reports/?limit=1&brief=1');
  if (answer.status !== 200) throw new Error(`listing reports answered ${answer.status}`);
  return (answer.body as ReportPage).results[0]?.id ?? 0;
}

/**
 * After a writer was killed mid-write: a run whose request got no 2xx must be fully there or fully
 * absent. Every report stored after `afterId` (whether or not its client saw the 201) must have had its
 * created event delivered to every webhook, and every delivered report must exist: an event without its
 * report, or a report without its event, would be half a write. A delivered report that retention has
 * since deleted counts as there when its deletion was announced (`deletedIds`, from
 * `validity.compliancereport.deleted`): retention keeps the newest by `created`, not by id, so a run that
 * committed late can lose its report to a younger one (seen under CPU starvation).
 */
export async function checkStoredReports(
  client: ValidityClient,
  afterId: number,
  webhooks: readonly string[],
  accepted: readonly AcceptedDelivery[],
  confirmedIds: readonly number[],
  deletedIds: ReadonlySet<number>,
): Promise<FaultCheck> {
  const listed = new Set<number>();
  let path: string | null = `plugins/validity/reports/?id__gt=${afterId}&limit=1000&brief=1`;
  while (path) {
    const answer = await client.call('GET', path);
    if (answer.status !== 200) throw new Error(`listing reports answered ${answer.status}`);
    const page = answer.body as ReportPage;
    for (const report of page.results) listed.add(report.id);
    path = page.next ? page.next.slice(page.next.indexOf('/api/') + '/api/'.length) : null;
  }
  const deliveredTo = new Map<number, Set<string>>();
  for (const delivery of accepted) {
    if (delivery.reportId <= afterId || deletedIds.has(delivery.reportId)) continue;
    const seen = deliveredTo.get(delivery.reportId) ?? new Set<string>();
    seen.add(delivery.webhook);
    deliveredTo.set(delivery.reportId, seen);
  }
  const withoutEvent = [...listed].filter((id) => (deliveredTo.get(id)?.size ?? 0) < webhooks.length);
  const withoutReport = [...deliveredTo.keys()].filter((id) => !listed.has(id));
  const confirmed = new Set(confirmedIds);
  const unanswered = [...listed].filter((id) => !confirmed.has(id)).length;
  return {
    passed: withoutEvent.length === 0 && withoutReport.length === 0,
    detail:
      `${listed.size} reports stored (${unanswered} whose client saw no 201), ` +
      `${withoutEvent.length} without their event, ${withoutReport.length} events without their report`,
  };
}
