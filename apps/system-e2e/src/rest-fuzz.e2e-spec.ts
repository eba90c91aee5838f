import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensurePythonVenv } from '@validity/testing';

const repoRoot = join(__dirname, '..', '..', '..');
const apiUrl = process.env.SYSTEM_API_URL!;
const baseUrl = apiUrl.replace(/\/api\/$/, '');
// CI runs a short form; `npm run fuzz` sets a larger budget (see package.json).
const examplesPerOperation = Number(process.env.FUZZ_MAX_EXAMPLES ?? 5);

describe('REST fuzzing with schemathesis against every service through the gateway', () => {
  it('finds no 5xx over the whole merged OpenAPI document', () => {
    const bin = ensurePythonVenv(
      join(repoRoot, '.stack', 'venvs', 'schemathesis'),
      join(repoRoot, 'tools', 'fuzz', 'requirements.txt'),
      (line) => process.stderr.write(`[fuzz] ${line}\n`),
    );
    const run = spawnSync(
      join(bin, 'st'),
      [
        'run',
        `${apiUrl}schema/`,
        '--url',
        baseUrl,
        '--header',
        `Authorization: Token ${process.env.SYSTEM_ADMIN_TOKEN}`,
        '--checks',
        'not_a_server_error',
        '--max-examples',
        String(examplesPerOperation),
        '--seed',
        process.env.FUZZ_SEED ?? '20261130',
        '--request-timeout',
        '10',
        '--no-color',
      ],
      { encoding: 'utf8', timeout: 1_500_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    process.stderr.write(
      output
        .split('\n')
        .filter((line) => /generated|passed|failed|error/i.test(line))
        .join('\n'),
    );
    expect({ exit: run.status, failures: output.match(/^_{3,}.*$/gm) ?? [] }).toEqual({
      exit: 0,
      failures: [],
    });
    const generated = Number(/(\d+) generated/.exec(output)?.[1] ?? 0);
    expect(generated).toBeGreaterThan(0);
  }, 1_600_000);
});
