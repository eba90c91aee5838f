import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePythonVenv } from '@validity/testing';

const repoRoot = join(__dirname, '..', '..', '..', '..');

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

export interface FuzzRun {
  /** schemathesis' exit status (0: every check held). */
  exit: number | null;
  /** The headers of the failing operations' sections in schemathesis' report. */
  failures: string[];
  /** Requests schemathesis generated. */
  generated: number;
}

/**
 * One schemathesis pass against a running stack's merged OpenAPI document (`<api>/schema/`), with the
 * project's own bad-input strategies (tools/fuzz). `includePathRegex` and `phases` limit it, to keep a
 * second pass (another API mode) cheap.
 */
export function runSchemathesis(options: {
  apiUrl: string;
  adminToken: string;
  maxExamples: number;
  includePathRegex?: string;
  /** schemathesis phases to run; all of them (examples, coverage, stateful, fuzzing) when absent. */
  phases?: readonly string[];
  label: string;
}): FuzzRun {
  const bin = ensurePythonVenv(
    join(repoRoot, '.stack', 'venvs', 'schemathesis'),
    join(repoRoot, 'tools', 'fuzz', 'requirements.txt'),
    (line) => process.stderr.write(`[${options.label}] ${line}\n`),
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
      `${options.apiUrl}schema/`,
      '--url',
      options.apiUrl.replace(/\/api\/$/, ''),
      '--header',
      `Authorization: Token ${options.adminToken}`,
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      String(options.maxExamples),
      '--seed',
      process.env.FUZZ_SEED ?? '20261130',
      '--request-timeout',
      '10',
      '--no-color',
      ...(options.includePathRegex === undefined ? [] : ['--include-path-regex', options.includePathRegex]),
      ...(options.phases === undefined ? [] : ['--phases', options.phases.join(',')]),
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
      `[${options.label}] ${generated} requests generated in ${seconds} s ` +
      `(${options.maxExamples} examples per operation), ${failures.length} failing operations\n`,
  );
  return { exit: run.status, failures, generated };
}
