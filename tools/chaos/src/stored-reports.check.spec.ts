import type { AcceptedDelivery } from './chaos-receiver';
import { checkStoredReports } from './stored-reports.check';
import type { ValidityClient } from './validity-client';

/** Answers the reports list with these ids, as the API would (one page). */
function listing(ids: number[]): ValidityClient {
  return {
    call: () => Promise.resolve({ status: 200, body: { next: null, results: ids.map((id) => ({ id })) } }),
  } as unknown as ValidityClient;
}

const delivered = (reportId: number, webhooks: string[]): AcceptedDelivery[] =>
  webhooks.map((webhook) => ({ webhook, reportId, webhookId: `msg_${reportId}`, atMs: 0 }));

describe('checkStoredReports', () => {
  const webhooks = ['a', 'b'];

  it('passes when every stored report reached every webhook, answered or not', async () => {
    const accepted = [...delivered(11, webhooks), ...delivered(12, webhooks)];
    const check = await checkStoredReports(listing([11, 12]), 10, webhooks, accepted, [11], new Set());
    expect(check).toEqual({
      passed: true,
      detail:
        '2 reports stored (1 whose client saw no 201), 0 without their event, 0 events without their report',
    });
  });

  it('fails on a stored report without its event and on an event without its report', async () => {
    const accepted = [...delivered(11, webhooks), ...delivered(12, ['a']), ...delivered(14, webhooks)];
    const check = await checkStoredReports(listing([11, 12]), 10, webhooks, accepted, [11, 12], new Set());
    expect(check).toEqual({
      passed: false,
      detail:
        '2 reports stored (0 whose client saw no 201), 1 without their event, 1 events without their report',
    });
  });

  it('leaves out reports at or before the fault and those whose deletion by retention was announced', async () => {
    // 13 committed late and retention, keeping the newest by `created`, deleted it before 12.
    const accepted = [
      ...delivered(3, webhooks),
      ...delivered(9, webhooks),
      ...delivered(12, webhooks),
      ...delivered(13, webhooks),
    ];
    const check = await checkStoredReports(listing([12]), 5, webhooks, accepted, [12, 13], new Set([9, 13]));
    expect(check.passed).toBe(true);
  });

  it('fails on a delivered report that is gone without an announced deletion', async () => {
    const accepted = [...delivered(9, webhooks), ...delivered(12, webhooks)];
    const check = await checkStoredReports(listing([12]), 5, webhooks, accepted, [9, 12], new Set());
    expect(check.passed).toBe(false);
    expect(check.detail).toMatch(/1 events without their report$/);
  });
});
