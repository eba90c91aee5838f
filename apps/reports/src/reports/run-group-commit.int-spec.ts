import { Client } from 'pg';
import { NetBoxValidationError } from '@validity/platform/netbox-api';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aComplianceTest, testInfrastructure, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { reportsTestConfig } from '../test-support/reports-test-config';
import { RunGroupCommit } from './use-cases/run-group-commit';
import { readRunInput } from './input/run-input';
import { RunInputErrors } from './input/run-input-errors';

/**
 * `RunGroupCommit` on real PostgreSQL: runs stored together share one transaction (the same `xmin` on
 * their report rows), and each still gets its own outcome. Runs are handed over in one tick: the first
 * two start a batch each (the most in flight), the rest wait and form the third batch together.
 */
describe('group commit of compliance runs', () => {
  const { databaseUrl } = testInfrastructure();
  let service: TestService;
  let runs: RunGroupCommit;
  let database: Client;
  let schema: string;
  let testId: number;

  const run = (device: string, result: Record<string, unknown> = {}) => {
    const errors = new RunInputErrors();
    const input = readRunInput(
      { results: [{ test: testId, device: { name: device }, passed: true, ...result }] },
      errors,
    );
    return { input, errors, context: { username: 'admin', requestId: uniqueName('request') } };
  };
  const transactionsOf = async (reportIds: readonly number[]) => {
    const { rows } = await database.query<{ xmin: string }>(
      `SELECT DISTINCT xmin::text AS xmin FROM "${schema}"."compliance_reports" WHERE id = ANY($1::integer[])`,
      [reportIds],
    );
    return rows.length;
  };
  const reportsOfDevice = async (device: string) => {
    const { rows } = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "${schema}"."test_results" r
       JOIN "${schema}"."devices" d ON d.id = r.device_id WHERE d.name = $1`,
      [device],
    );
    return rows[0].count;
  };

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'), 1_000);
    service = await startTestService(AppModule.register(config), config);
    schema = config.database.schema;
    runs = service.app.get(RunGroupCommit);
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    const created = await fetch(`${service.url}/api/plugins/validity/tests/`, {
      method: 'POST',
      headers: { Authorization: service.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(aComplianceTest()),
    });
    testId = ((await created.json()) as { id: number }).id;
  });
  afterAll(async () => {
    await database.end();
    await service.close();
  });

  it('stores the good runs of a batch in one transaction and refuses each bad one with its own 400', async () => {
    const tag = uniqueName('mixed');
    const outcomes = await Promise.allSettled([
      runs.store(run(`${tag}-first`)),
      runs.store(run(`${tag}-second`)),
      runs.store(run(`${tag}-good-1`)),
      runs.store(run(`${tag}-unknown-test`, { test: 2_000_000_000 })),
      runs.store(run(`${tag}-good-2`)),
      runs.store(run(`${tag}-bad-field`, { passed: 'perhaps' })),
      runs.store(run(`${tag}-good-3`)),
    ]);

    const [, , good1, unknownTest, good2, badField, good3] = outcomes;
    const stored = [good1, good2, good3].map((outcome) => {
      if (outcome.status !== 'fulfilled') throw new Error(`a good run failed: ${String(outcome.reason)}`);
      return outcome.value;
    });
    expect(stored.map((report) => report.counts?.totalCount)).toEqual([1, 1, 1]);
    expect(await transactionsOf(stored.map((report) => report.id))).toBe(1);

    for (const [outcome, field] of [
      [unknownTest, { test: ['Invalid pk "2000000000" - object does not exist.'] }],
      [badField, { passed: ['Must be a valid boolean.'] }],
    ] as const) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as unknown;
      expect(error).toBeInstanceOf(NetBoxValidationError);
      expect((error as NetBoxValidationError).body()).toEqual({ results: [field] });
    }
    expect(await reportsOfDevice(`${tag}-unknown-test`)).toBe(0);
    expect(await reportsOfDevice(`${tag}-bad-field`)).toBe(0);
  });

  it('stores each run of a batch whose transaction failed on its own, failing only the run that broke it', async () => {
    const tag = uniqueName('failing');
    // A result PostgreSQL itself refuses: the batch's transaction fails after every check passed.
    const trigger = uniqueName('refuse_explosive');
    await database.query(
      `CREATE FUNCTION "${schema}"."${trigger}"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'explosive result'; END $$`,
    );
    await database.query(
      `CREATE TRIGGER "${trigger}" BEFORE INSERT ON "${schema}"."test_results" FOR EACH ROW
       WHEN (NEW.explanation = '"explosive"'::jsonb) EXECUTE FUNCTION "${schema}"."${trigger}"()`,
    );
    try {
      const outcomes = await Promise.allSettled([
        runs.store(run(`${tag}-first`)),
        runs.store(run(`${tag}-second`)),
        runs.store(run(`${tag}-good-1`)),
        runs.store(run(`${tag}-explosive`, { explanation: 'explosive' })),
        runs.store(run(`${tag}-good-2`)),
      ]);

      const [, , good1, explosive, good2] = outcomes;
      expect(explosive.status).toBe('rejected');
      expect(String((explosive as PromiseRejectedResult).reason)).toContain('explosive result');
      const stored = [good1, good2].map((outcome) => {
        if (outcome.status !== 'fulfilled') throw new Error(`a good run failed: ${String(outcome.reason)}`);
        return outcome.value;
      });
      // Stored again one by one, each in its own transaction.
      expect(await transactionsOf(stored.map((report) => report.id))).toBe(2);
      expect(await reportsOfDevice(`${tag}-good-1`)).toBe(1);
      expect(await reportsOfDevice(`${tag}-explosive`)).toBe(0);
    } finally {
      await database.query(`DROP TRIGGER "${trigger}" ON "${schema}"."test_results"`);
    }
  });
});
