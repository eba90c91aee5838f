import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aComplianceTest, testInfrastructure, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import type { ReportsConfig } from '../config';
import { reportsTables } from '../storage/reports-tables';
import { purgeFinished } from '../test-support/purged-reports';
import { reportsTestConfig } from '../test-support/reports-test-config';
import {
  markLatestResults,
  PURGE_CHUNK,
  PURGE_START,
  purgeRetiredResults,
} from '../test-results/store/test-result-store';
import { purgeClaimKey } from './store/purge-claim';
import { ReportRetention } from './use-cases/report-retention';

const STORE_REPORTS = 2;
/** Devices of the big run: with two tests, a report of two purge chunks. */
const BIG_RUN_DEVICES = PURGE_CHUNK;

interface Page {
  count: number;
  results: Array<{ id: number; report: { id: number } }>;
}

/**
 * A deleted report's results leave the API at the deletion's commit and are deleted after it, a chunk
 * per transaction, by the purge: the transaction that prunes (a retention pass) or deletes does not
 * delete them, so the runs queued behind it on `lockReportChanges` do not wait for a big report's results.
 */
describe('purging deleted reports’ results on real PostgreSQL', () => {
  const { databaseUrl } = testInfrastructure();
  let config: ReportsConfig;
  let service: TestService;
  let database: Client;
  let schema: string;
  const tests: Array<{ id: number; name: string }> = [];

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${service.url}/api/plugins/validity/${path}`, {
      method,
      headers: { Authorization: service.auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (response.status === 204 ? null : await response.json()) as unknown,
    };
  };
  const list = async (query: string) => {
    const answer = await send('GET', `test-results/?${query}&limit=1000`);
    expect(answer.status).toBe(200);
    return answer.body as Page;
  };
  const postRun = async (devices: readonly string[]) => {
    const answer = await send('POST', 'reports/', {
      results: devices.flatMap((device) =>
        tests.map((test) => ({ test: test.id, device: { name: device }, passed: true, explanation: [] })),
      ),
    });
    expect(answer.status).toBe(201);
    // Retention runs after the run's commit, in a pass of its own: the specs read what it left.
    await service.app.get(ReportRetention).caughtUp();
    return answer.body as { id: number };
  };
  const purgingReports = async () => {
    const { rows } = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "${schema}"."purging_reports"`,
    );
    return rows[0].count;
  };
  /** The results of every report being purged, still in the table. */
  const retiredResults = async () => {
    const { rows } = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "${schema}"."test_results" r
       WHERE r.report_id IN (SELECT report_id FROM "${schema}"."purging_reports")`,
    );
    return rows[0].count;
  };
  const storedResults = async (reportId: number) => {
    const { rows } = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "${schema}"."test_results" WHERE report_id = $1`,
      [reportId],
    );
    return rows[0].count;
  };
  const devices = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
  /** Keeps every purge waiting (it claims this lock per chunk) until the returned release is called. */
  const holdPurge = async () => {
    const key = purgeClaimKey(reportsTables(schema));
    await database.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    return () => database.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
  };
  /** Prunes every report but the newest STORE_REPORTS with runs over `shared` devices of their own. */
  const pruneWithRuns = async (shared: string) => {
    const runs = [];
    for (let run = 0; run < STORE_REPORTS; run += 1) runs.push(await postRun([`${shared}-${run}`]));
    return runs;
  };

  beforeAll(async () => {
    config = reportsTestConfig(testServiceConfig('reports'), STORE_REPORTS);
    schema = config.database.schema;
    service = await startTestService(AppModule.register(config), config);
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    for (const key of ['ntp', 'ssh']) {
      const created = await send('POST', 'tests/', aComplianceTest({ name: uniqueName(key) }));
      tests.push(created.body as { id: number; name: string });
    }
  });
  afterAll(async () => {
    await database.end();
    await service.close();
  });

  it('hides a pruned report’s results at the retention pass’s commit, which leaves them to the purge', async () => {
    const bigDevices = devices(uniqueName('big'), BIG_RUN_DEVICES);
    const big = await postRun(bigDevices);
    const [sample] = (await list(`report_id=${big.id}`)).results;
    const releasePurge = await holdPurge();
    try {
      const kept = await pruneWithRuns(uniqueName('small'));

      // Retention's transaction did not delete the big report's results...
      expect(await storedResults(big.id)).toBe(2 * BIG_RUN_DEVICES);
      // ...yet no list, count, filter or detail shows them, and none of them is the latest any more.
      expect(await list(`report_id=${big.id}`)).toMatchObject({ count: 0, results: [] });
      const all = await list('');
      expect(all.count).toBe(2 * STORE_REPORTS);
      expect(new Set(all.results.map((result) => result.report.id))).toEqual(
        new Set(kept.map((report) => report.id)),
      );
      expect((await list('latest=true')).count).toBe(2 * STORE_REPORTS);
      expect((await list('passed=true')).count).toBe(2 * STORE_REPORTS);
      expect((await list(`test_id=${tests[0].id}`)).count).toBe(STORE_REPORTS);
      expect((await list(`q=${bigDevices[0]}`)).count).toBe(0);
      expect((await send('GET', `test-results/${sample.id}/`)).status).toBe(404);
    } finally {
      await releasePurge();
    }
    await purgeFinished((sql) => database.query(sql), schema);
    expect(await storedResults(big.id)).toBe(0);
    const { rows: orphanMarks } = await database.query(
      `SELECT 1 FROM "${schema}"."latest_test_results" l
       WHERE NOT EXISTS (SELECT 1 FROM "${schema}"."test_results" r WHERE r.id = l.result_id)`,
    );
    expect(orphanMarks).toEqual([]);
    expect((await list('latest=true')).count).toBe(2 * STORE_REPORTS);
  });

  it('stores runs while a purge chunk is open: the purge holds no lock a writer takes', async () => {
    const big = await postRun(devices(uniqueName('big'), BIG_RUN_DEVICES));
    const releasePurge = await holdPurge();
    try {
      await pruneWithRuns(uniqueName('small'));
      // A chunk of the purge, as `ReportPurger` runs it, left open.
      const chunk = service.app.get(DataSource).createQueryRunner();
      await chunk.startTransaction();
      try {
        // The chunk starts with the reports pruned before the big one (lower ids), then takes the big one's.
        const smaller = (await retiredResults()) - (await storedResults(big.id));
        const purged = await purgeRetiredResults(chunk.manager, reportsTables(schema), PURGE_START);
        expect(purged.deleted).toBe(PURGE_CHUNK);
        // Runs, with the retention pass after each, and a client's delete: none waits for it.
        const [, newest] = await pruneWithRuns(uniqueName('during'));
        expect((await send('DELETE', `reports/${newest.id}/`)).status).toBe(204);
        await chunk.commitTransaction();
        expect(await storedResults(big.id)).toBe(2 * BIG_RUN_DEVICES - (PURGE_CHUNK - smaller));
      } finally {
        await chunk.release();
      }
    } finally {
      await releasePurge();
    }
    await purgeFinished((sql) => database.query(sql), schema);
    expect(await storedResults(big.id)).toBe(0);
  });

  it('retires many small reports in one chunk, not one report per chunk', async () => {
    // Retention at a few hundred one-result runs a second retires as many reports; purged one per chunk
    // (50 ms apart) they piled up in `purging_reports` by the thousand, and every list read compared each
    // result's report with all of them. Here 60 reports of 2 results: one chunk takes them all.
    const releasePurge = await holdPurge();
    try {
      const shared = uniqueName('many');
      for (let run = 0; run < 60; run += 1) await postRun([`${shared}-${run % 3}`]);
      expect(await purgingReports()).toBeGreaterThanOrEqual(60 - STORE_REPORTS);
    } finally {
      await releasePurge();
    }
    const seen = new Set<number>();
    for (let purging = await purgingReports(); purging > 0; purging = await purgingReports())
      seen.add(purging);
    // At most the count before the purge's first chunk was seen: no chunk left some of them listed.
    expect(seen.size).toBeLessThanOrEqual(1);
  });

  it('stops a full chunk inside a report and goes on from there', async () => {
    const manager = service.app.get(DataSource).manager;
    const tables = reportsTables(schema);
    // The purger's own chunks are kept out (it claims the advisory lock per chunk, this spec holds it).
    const releasePurge = await holdPurge();
    try {
      await pruneWithRuns(uniqueName('before'));
      const big = await postRun(devices(uniqueName('big'), BIG_RUN_DEVICES));
      await pruneWithRuns(uniqueName('after'));
      const retired = await retiredResults();
      expect(retired - (await storedResults(big.id))).toBeLessThan(PURGE_CHUNK);

      const first = await manager.transaction((chunk) => purgeRetiredResults(chunk, tables, PURGE_START));
      expect(first.deleted).toBe(PURGE_CHUNK);
      // The small reports below the big one were read to their end and left the list; the big one stays.
      expect(await purgingReports()).toBe(1);
      const second = await manager.transaction((chunk) => purgeRetiredResults(chunk, tables, first.cursor));
      expect(second).toMatchObject({ deleted: PURGE_CHUNK, unlisted: 0, cursor: { reportId: big.id } });
      expect(await retiredResults()).toBe(retired - 2 * PURGE_CHUNK);
      const last = await manager.transaction((chunk) => purgeRetiredResults(chunk, tables, second.cursor));
      expect(last).toMatchObject({ deleted: retired - 2 * PURGE_CHUNK, unlisted: 1 });
      expect(await purgingReports()).toBe(0);
      expect(await storedResults(big.id)).toBe(0);
    } finally {
      await releasePurge();
    }
  });

  it('finishes a purge after a restart', async () => {
    const big = await postRun(devices(uniqueName('big'), PURGE_CHUNK));
    const releasePurge = await holdPurge();
    await pruneWithRuns(uniqueName('small'));
    await service.close();
    await releasePurge();
    expect(await storedResults(big.id)).toBe(2 * PURGE_CHUNK);

    service = await startTestService(AppModule.register(config), config);
    await purgeFinished((sql) => database.query(sql), schema);
    expect(await storedResults(big.id)).toBe(0);
  });

  it('replaces a latest mark left on a hidden result with a run’s result of a lower id', async () => {
    // A run whose results were inserted before a pruning batch committed has lower ids than the pruned
    // report's; the pruned report's marks on pairs it alone had stay (hidden) until the purge, and that
    // run's marking must replace them even so. Ids below the pruned report's are made free for it here.
    const results = `"${schema}"."test_results"`;
    await database.query(
      `SELECT setval(pg_get_serial_sequence('${results}', 'id'), nextval(pg_get_serial_sequence('${results}', 'id')) + 10)`,
    );
    const [lonely] = devices(uniqueName('lonely'), 1);
    const big = await postRun([lonely]);
    const releasePurge = await holdPurge();
    try {
      const [kept] = await pruneWithRuns(uniqueName('small'));
      const { rows } = await database.query<{ id: string }>(
        `INSERT INTO ${results} (id, report_id, test_id, device_id, passed, explanation)
         SELECT min(r.id) - 1, $1, r.test_id, r.device_id, false, '[]' FROM ${results} r
         WHERE r.report_id = $2 AND r.test_id = $3 GROUP BY r.test_id, r.device_id
         RETURNING id`,
        [kept.id, big.id, tests[0].id],
      );
      const lowerId = Number(rows[0].id);
      await markLatestResults(service.app.get(DataSource).manager, reportsTables(schema), [kept.id]);

      const latest = await list(`q=${lonely}&latest=true`);
      expect(latest.results.map((result) => result.id)).toEqual([lowerId]);
    } finally {
      await releasePurge();
    }
    await purgeFinished((sql) => database.query(sql), schema);
    expect(await storedResults(big.id)).toBe(0);
  });

  it('hands a pruned report’s latest marks to older results of kept reports, exactly', async () => {
    const shared = devices(uniqueName('shared'), 3);
    // `older` gets the lower result ids but is stamped newer, so retention prunes `newer` first, whose
    // results are the latest of their pairs: the marks go to `older`'s, which are now the newest shown.
    const older = await postRun(shared);
    const newer = await postRun(shared);
    await database.query(
      `UPDATE "${schema}"."compliance_reports" SET created = created + interval '1 hour' WHERE id = $1`,
      [older.id],
    );
    const olderResults = (await list(`report_id=${older.id}`)).results.map((result) => result.id);

    const releasePurge = await holdPurge();
    try {
      await postRun([uniqueName('pusher')]);
      expect((await send('GET', `reports/${newer.id}/`)).status).toBe(404);
      const latest = (await list('latest=true')).results
        .filter((result) => result.report.id === older.id)
        .map((result) => result.id);
      expect(latest.sort()).toEqual([...olderResults].sort());
    } finally {
      await releasePurge();
    }
    await purgeFinished((sql) => database.query(sql), schema);
    const latest = (await list('latest=true')).results
      .filter((result) => result.report.id === older.id)
      .map((result) => result.id);
    expect(latest.sort()).toEqual([...olderResults].sort());
  });
});
