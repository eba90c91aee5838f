import type { EntityManager } from 'typeorm';
import type { EventStoreWrites } from '@validity/platform/event-store';
import type { ReportsConfig } from '../../config';
import { reportsTables } from '../../storage/reports-tables';
import { ReportRetention, RETENTION_PACE_MS, type StoredRun } from './report-retention';

const run = (reportId: number): StoredRun => ({
  reportId,
  context: { username: 'admin', requestId: `request-${reportId}` },
});

/**
 * The passes' bookkeeping, with a database that always fails the pass right after its reads are built:
 * which runs each pass acts for is what `reads` is asked about. (The passes' SQL runs against real
 * PostgreSQL in the reports' integration specs.)
 */
describe('retention passes', () => {
  let retention: ReportRetention;
  let passes: number[][];

  beforeEach(() => {
    const failing = {
      run: (work: (manager: EntityManager) => Promise<unknown>) => work({} as EntityManager),
    } as unknown as EventStoreWrites;
    retention = new ReportRetention(failing, reportsTables('reports'), {
      retention: { storeReports: 5 },
    } as ReportsConfig);
    passes = [];
    const reads = (retention as unknown as { reads: (runs: StoredRun[]) => unknown }).reads.bind(retention);
    jest
      .spyOn(retention as unknown as { reads: (runs: StoredRun[]) => unknown }, 'reads')
      .mockImplementation((runs: StoredRun[]) => {
        passes.push(runs.map((stored) => stored.reportId));
        return reads(runs);
      });
    jest.spyOn((retention as unknown as { logger: { warn: () => void } }).logger, 'warn').mockReturnValue();
    retention.onApplicationBootstrap();
  });
  afterEach(() => retention.onModuleDestroy());

  it('keeps the runs of a failed pass for the next one, with those stored since', async () => {
    retention.afterCommit([run(1), run(2)]);
    await retention.caughtUp();
    retention.afterCommit([run(3)]);
    await retention.caughtUp();
    expect(passes).toEqual([
      [1, 2],
      [1, 2, 3],
    ]);
  });

  it('starts the next pass no sooner than the pace allows, with the runs stored meanwhile', async () => {
    const started = performance.now();
    retention.afterCommit([run(1)]);
    await retention.caughtUp();
    retention.afterCommit([run(2)]);
    retention.afterCommit([run(3)]);
    await retention.caughtUp();
    expect(performance.now() - started).toBeGreaterThanOrEqual(RETENTION_PACE_MS);
    // The two batches stored while the pass waited went in one pass.
    expect(passes).toEqual([[1], [1, 2, 3]]);
  });

  it('runs no pass for nothing', async () => {
    retention.afterCommit([]);
    await retention.caughtUp();
    expect(passes).toEqual([]);
  });
});
