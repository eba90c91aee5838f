import { missingPairs, summarise } from './delivery-ledger';

const reports = [
  { id: 1, createdAtMs: 1_000 },
  { id: 2, createdAtMs: 2_000 },
  { id: 3, createdAtMs: 9_000 },
];
const delivery = (
  reportId: number,
  webhook: string,
  atMs: number,
  webhookId = `msg_${reportId}${webhook}`,
) => ({
  reportId,
  webhook,
  atMs,
  webhookId,
});

describe('summarise', () => {
  it('counts lost pairs, duplicates and duplicates that changed their webhook-id', () => {
    const accepted = [
      delivery(1, 'a', 1_100),
      delivery(1, 'b', 1_200),
      delivery(1, 'b', 1_900),
      delivery(2, 'a', 2_100),
      delivery(2, 'a', 2_500, 'msg_other'),
      delivery(3, 'a', 9_100),
      delivery(3, 'b', 9_200),
    ];
    expect(summarise(reports, ['a', 'b'], accepted, 5_000)).toEqual({
      events: 3,
      expected: 6,
      lost: 1,
      duplicates: 2,
      duplicatesWithNewId: 1,
      recoveryS: null,
    });
    expect(missingPairs(reports, ['a', 'b'], accepted)).toBe(1);
  });

  it('measures recovery from the end of the fault to the last first-delivery of an event confirmed before it', () => {
    const accepted = [
      delivery(1, 'a', 1_100),
      delivery(2, 'a', 7_400),
      // Confirmed after the fault ended: not part of the backlog, however late it arrives.
      delivery(3, 'a', 60_000),
      // A late duplicate does not stretch recovery either.
      delivery(2, 'a', 30_000),
    ];
    expect(summarise(reports, ['a'], accepted, 5_000)).toMatchObject({
      lost: 0,
      duplicates: 1,
      recoveryS: 2.4,
    });
  });

  it('reports zero recovery when the backlog was gone before the fault ended', () => {
    const accepted = reports.map((report) => delivery(report.id, 'a', report.createdAtMs + 50));
    expect(summarise(reports, ['a'], accepted, 5_000).recoveryS).toBe(0);
  });
});
