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

  it('measures recovery from the end of the fault to the last late first delivery, wherever its event was confirmed', () => {
    const accepted = [
      delivery(1, 'a', 1_100),
      // Confirmed before the fault ended, delivered 5.4 s later.
      delivery(2, 'a', 7_400),
      // Confirmed after the fault ended but still stuck behind its backlog: 9.5 s late, recovery ends here.
      delivery(3, 'a', 18_500),
      // A late duplicate does not stretch recovery.
      delivery(2, 'a', 30_000),
    ];
    expect(summarise(reports, ['a'], accepted, 5_000)).toMatchObject({
      lost: 0,
      duplicates: 1,
      recoveryS: 13.5,
    });
  });

  it('reports zero recovery when nothing was late after the fault ended', () => {
    const accepted = reports.map((report) => delivery(report.id, 'a', report.createdAtMs + 1_500));
    expect(summarise(reports, ['a'], accepted, 5_000).recoveryS).toBe(0);
  });
});
