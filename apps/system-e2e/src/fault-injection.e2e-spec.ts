import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testPort, uniqueName } from '@validity/testing';

const repoRoot = join(__dirname, '..', '..', '..');

interface FaultRow {
  name: string;
  events: number;
  expected_deliveries: number;
  lost: number;
  duplicates: number;
  duplicates_with_new_id: number;
  recovery_s: number | null;
  check: string | null;
  passed: boolean;
}

/** Runs `npm run chaos`'s runner in its short form on its own stack; resolves with its exit code and output. */
function runShortChaos(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/chaos/src/run-chaos.ts', '--short', '--out', out],
      {
        cwd: repoRoot,
        // Its own ports (23000-23032), moved with the other test ports.
        env: { ...process.env, CHAOS_PORT_OFFSET: String(testPort(0) - 1_000) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('fault injection (the short form of `npm run chaos`)', () => {
  it('loses no delivery through kills of every writer, a PostgreSQL restart, receiver outages, slowness and a poison record', async () => {
    const out = join(repoRoot, '.stack', `${uniqueName('chaos')}.json`);
    const run = await runShortChaos(out);
    expect({ code: run.code, tail: run.code === 0 ? '' : run.output.slice(-4_000) }).toEqual({
      code: 0,
      tail: '',
    });

    const { faults } = JSON.parse(await readFile(out, 'utf8')) as { faults: FaultRow[] };
    expect(faults.map((fault) => fault.name)).toEqual([
      'dispatcher-sigkill',
      'reports-sigkill',
      'gateway-sigkill',
      'webhook-registry-sigkill',
      // kafka-restart, receiver-500 and the network, clock and three-broker faults: full run only.
      'postgres-restart',
      'receiver-down',
      'receiver-slow',
      'poison-record',
    ]);
    for (const fault of faults) {
      expect({ fault: fault.name, lost: fault.lost, newIds: fault.duplicates_with_new_id }).toEqual({
        fault: fault.name,
        lost: 0,
        newIds: 0,
      });
      expect(fault.events).toBeGreaterThan(0);
      expect(fault.expected_deliveries).toBe(fault.events * 3);
      expect(fault.recovery_s).not.toBeNull();
    }
    // Writers killed mid-write: nothing half-written, whether or not the client saw its answer.
    for (const name of ['reports-sigkill', 'gateway-sigkill']) {
      expect(faults.find((fault) => fault.name === name)!.check).toMatch(
        /, 0 without their event, 0 events without their report$/,
      );
    }
    expect(faults.find((fault) => fault.name === 'webhook-registry-sigkill')!.check).toMatch(
      /; 0 inconsistencies$/,
    );
    const poison = faults.find((fault) => fault.name === 'poison-record')!;
    expect(poison.check).toMatch(
      /^3\/3 in the dead-letter topic \(reason: invalid-json\), 3\/3 partitions moved on$/,
    );
    // The slow receiver did the work of requests the dispatcher timed out on: those come again, same id.
    expect(faults.find((fault) => fault.name === 'receiver-slow')!.duplicates).toBeGreaterThan(0);
  }, 900_000);
});
