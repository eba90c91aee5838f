import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensurePythonVenv,
  startStackProcess,
  testPort,
  uniqueName,
  type StartedStack,
} from '@validity/testing';

const repoRoot = join(__dirname, '..', '..', '..');
// CI runs a short form; `npm run fuzz` sets a larger budget (see package.json).
const examplesPerOperation = Number(process.env.FUZZ_MAX_EXAMPLES ?? 5);
// The budget `npm run fuzz` promises: at 50 examples per operation, at least this many requests.
const FULL_RUN_EXAMPLES = 50;
const FULL_RUN_MIN_REQUESTS = 1_000;

/**
 * What every response must satisfy. The documents describe each answer exactly (see the `*.openapi.ts`
 * modules), so besides "no 5xx" every status must be documented for its operation, every body must be
 * JSON where JSON is documented, and every body must match its documented schema.
 */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];

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
      POSTGRES_PORT: String(testPort(54379)),
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
    const apiUrl = stack.apiUrl;
    const baseUrl = apiUrl.replace(/\/api\/$/, '');
    const bin = ensurePythonVenv(
      join(repoRoot, '.stack', 'venvs', 'schemathesis'),
      join(repoRoot, 'tools', 'fuzz', 'requirements.txt'),
      (line) => process.stderr.write(`[fuzz] ${line}\n`),
    );
    // schemathesis and Hypothesis keep their databases in the working directory: under .stack, not the
    // repository, where `prettier --check .` would read them.
    const workDir = join(repoRoot, '.stack', 'fuzz');
    mkdirSync(workDir, { recursive: true });
    const started = Date.now();
    const run = spawnSync(
      join(bin, 'st'),
      [
        'run',
        `${apiUrl}schema/`,
        '--url',
        baseUrl,
        '--header',
        `Authorization: Token ${stack.adminToken}`,
        '--checks',
        CHECKS.join(','),
        '--max-examples',
        String(examplesPerOperation),
        '--seed',
        process.env.FUZZ_SEED ?? '20261130',
        '--request-timeout',
        '10',
        '--no-color',
      ],
      {
        cwd: workDir,
        encoding: 'utf8',
        timeout: 1_500_000,
        // Strategies of ours on top of the documents': non-canonical ids, deep nesting, lone surrogates.
        env: {
          ...process.env,
          SCHEMATHESIS_HOOKS: 'bad_input_hooks',
          PYTHONPATH: join(repoRoot, 'tools', 'fuzz'),
        },
      },
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    const output = `${run.stdout}\n${run.stderr}`;
    const generated = Number(/(\d+) generated/.exec(output)?.[1] ?? 0);
    const failures = output.match(/^_{3,}.*$/gm) ?? [];
    process.stderr.write(
      `${output
        .split('\n')
        .filter((line) => /generated|passed|failed|error|^_{3,}/i.test(line))
        .join('\n')}\n` +
        `[fuzz] ${generated} requests generated in ${seconds} s ` +
        `(${examplesPerOperation} examples per operation), ${failures.length} failing operations\n`,
    );
    expect({ exit: run.status, failures }).toEqual({ exit: 0, failures: [] });
    expect(generated).toBeGreaterThanOrEqual(
      examplesPerOperation >= FULL_RUN_EXAMPLES ? FULL_RUN_MIN_REQUESTS : 1,
    );
  }, 1_600_000);
});
