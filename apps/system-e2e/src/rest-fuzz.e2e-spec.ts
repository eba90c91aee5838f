import { join } from 'node:path';
import { startStackProcess, testPort, uniqueName, type StartedStack } from '@validity/testing';
import { runSchemathesis } from './fuzz/run-schemathesis';

const repoRoot = join(__dirname, '..', '..', '..');
// CI runs a short form; `npm run fuzz` sets a larger budget (see package.json).
const examplesPerOperation = Number(process.env.FUZZ_MAX_EXAMPLES ?? 5);
// The budget `npm run fuzz` promises: at 50 examples per operation, at least this many requests.
const FULL_RUN_EXAMPLES = 50;
const FULL_RUN_MIN_REQUESTS = 1_000;

describe('REST fuzzing with schemathesis against every service through the gateway', () => {
  // Its own stack, Kafka and PostgreSQL: the fuzzer deletes and rewrites whatever ids it guesses, which
  // must not be the webhooks and tokens the other system specs are using at the same moment.
  let stack: StartedStack;
  beforeAll(async () => {
    stack = await startStackProcess({
      GATEWAY_PORT: String(testPort(29000)),
      REPORTS_PORT: String(testPort(29001)),
      WEBHOOK_REGISTRY_PORT: String(testPort(29002)),
      DISPATCHER_PORT: String(testPort(29003)),
      INGEST_PORT: String(testPort(29004)),
      KAFKA_PORT: String(testPort(29192)),
      POSTGRES_PORT: String(testPort(25379)),
      KAFKA_BROKERS: undefined,
      DATABASE_URL: undefined,
      ADMIN_TOKEN: 'f0221f0221f0221f0221f0221f0221f0221f0221',
      STACK_DIR: join(repoRoot, '.stack', 'test', uniqueName('fuzz-stack')),
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('finds no 5xx and no response outside the merged OpenAPI document', () => {
    const run = runSchemathesis({
      apiUrl: stack.apiUrl,
      adminToken: stack.adminToken,
      maxExamples: examplesPerOperation,
      label: 'fuzz',
    });
    expect({ exit: run.exit, failures: run.failures }).toEqual({ exit: 0, failures: [] });
    expect(run.generated).toBeGreaterThanOrEqual(
      examplesPerOperation >= FULL_RUN_EXAMPLES ? FULL_RUN_MIN_REQUESTS : 1,
    );
  }, 1_600_000);
});
