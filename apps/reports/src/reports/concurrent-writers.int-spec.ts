import { Client } from 'pg';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aComplianceTest, testInfrastructure, uniqueName } from '@validity/testing';
import { AppModule } from '../app.module';
import { PublishedRecords } from '../test-support/published-records';
import { reportsTestConfig } from '../test-support/reports-test-config';
import { ReportRetention } from './use-cases/report-retention';

const STORE_REPORTS = 4;
const RUNS = 12;
const TESTS = 3;
const UPDATES_PER_TEST = 8;

interface StoredEvent {
  event_id: string;
  stream_id: string;
  version: number;
  topic: string;
}

describe('many concurrent writers on one reports service', () => {
  const { databaseUrl } = testInfrastructure();
  let service: TestService;
  let published: PublishedRecords;

  const send = (method: string, path: string, body: unknown) =>
    fetch(`${service.url}/api/plugins/validity/${path}`, {
      method,
      headers: { Authorization: service.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'), STORE_REPORTS);
    service = await startTestService(AppModule.register(config), config);
    published = await PublishedRecords.follow(testInfrastructure().kafka, [
      'validity.compliancereport.created',
      'validity.compliancereport.deleted',
      'validity.compliancetest.created',
      'validity.compliancetest.updated',
    ]);
  });
  afterAll(async () => {
    await published.stop();
    await service.close();
  });

  it('publishes every committed event, each stream in version order, and prunes each report once', async () => {
    const testIds: number[] = [];
    for (let index = 0; index < TESTS; index += 1) {
      const response = await send('POST', 'tests/', aComplianceTest());
      testIds.push(((await response.json()) as { id: number }).id);
    }
    const devices = Array.from({ length: 5 }, () => uniqueName('dev'));

    // Runs share new device names (concurrent upserts) and prune each other's reports; updates of one
    // test race each other, and a loser (409) retries on the new version.
    const runs = Array.from({ length: RUNS }, async (_, run) => {
      const response = await send('POST', 'reports/', {
        results: testIds.flatMap((test) =>
          devices.map((device) => ({ test, device: { name: device }, passed: (run + test) % 2 === 0 })),
        ),
      });
      expect(response.status).toBe(201);
      return response.headers.get('x-request-id')!;
    });
    const updates = testIds.flatMap((test) =>
      Array.from({ length: UPDATES_PER_TEST }, async (_, update) => {
        for (;;) {
          const response = await send('PATCH', `tests/${test}/`, { description: `update ${update}` });
          if (response.status === 200) return;
          expect(response.status).toBe(409);
        }
      }),
    );
    const runRequests = await Promise.all(runs);
    await Promise.all(updates);
    // Retention runs after the runs' commits, in passes of its own.
    await service.app.get(ReportRetention).caughtUp();

    const database = new Client({ connectionString: databaseUrl });
    await database.connect();
    const schema = service.config.database.schema;
    const { rows: stored } = await database.query<StoredEvent>(
      `SELECT event_id, stream_id, version, topic FROM "${schema}"."event_store" ORDER BY position`,
    );
    const { rows: reports } = await database.query(`SELECT id FROM "${schema}"."compliance_reports"`);
    await database.end();

    expect(stored).toHaveLength(TESTS + TESTS * UPDATES_PER_TEST + RUNS + (RUNS - STORE_REPORTS));
    expect(reports).toHaveLength(STORE_REPORTS);
    const storedIds = new Set(stored.map((event) => event.event_id));
    await published.waitFor(
      'every stored event',
      (record) => storedIds.has(record.headers['event-id']),
      stored.length,
    );
    const records = published.records.filter((record) => storedIds.has(record.headers['event-id']));
    expect(new Set(records.map((record) => record.headers['event-id']))).toEqual(storedIds);

    const versionOf = new Map(stored.map((event) => [event.event_id, event]));
    const streams = new Set(stored.map((event) => event.stream_id));
    for (const stream of streams) {
      const versions = stored.filter((event) => event.stream_id === stream).map((event) => event.version);
      expect(versions).toEqual(versions.map((_, index) => index + 1)); // no gaps: losers appended nothing
      for (const topic of new Set(stored.map((event) => event.topic))) {
        const inTopicOrder = records
          .filter(
            (record) =>
              record.topic === topic && versionOf.get(record.headers['event-id'])!.stream_id === stream,
          )
          .sort((a, b) => a.offset - b.offset)
          .map((record) => versionOf.get(record.headers['event-id'])!.version);
        expect(inTopicOrder).toEqual([...inTopicOrder].sort((a, b) => a - b));
      }
    }

    for (const requestId of runRequests) {
      expect(
        published.ofRequest(requestId).filter((record) => record.topic.endsWith('.created')),
      ).toHaveLength(1);
    }
    const deletedReports = records.filter((record) => record.topic === 'validity.compliancereport.deleted');
    expect(new Set(deletedReports.map((record) => record.key)).size).toBe(RUNS - STORE_REPORTS);
  });
});
