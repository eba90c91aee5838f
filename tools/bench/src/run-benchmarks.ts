import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchScenario } from './bench-scenario';
import { machineInfo } from '@validity/stack';
import { startBenchStack } from './bench-stack';
import { machineSpeed, type MachineSpeed } from './machine-speed';
import { resultsTable, targetMet, targetText, type ScenarioResult } from './results-table';

const repoRoot = join(__dirname, '..', '..', '..');
const scenariosDir = join(__dirname, '..', 'scenarios');
const resultsFile = join(repoRoot, 'bench', 'results', 'latest.json');

/**
 * `npm run bench`: starts the stack on fresh data, runs every scenario file in `tools/bench/scenarios/`
 * in name order (a filter argument keeps only the scenarios whose name contains one of its
 * comma-separated words), prints a table and
 * writes `bench/results/latest.json`.
 */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  // `npm run bench -- dispatch,backlog`: only the scenarios whose name contains one of the words.
  const only = process.argv[2]?.split(',').filter(Boolean) ?? [];
  const scenarios = (await loadScenarios()).filter(
    (scenario) => only.length === 0 || only.some((word) => scenario.name.includes(word)),
  );
  // Before anything of ours runs, and again after the last scenario: how fast the machine was.
  const speed: Speeds = { before: await machineSpeed() };
  log(`machine speed: ${JSON.stringify(speed.before)}`);
  log(`scenarios: ${scenarios.map((scenario) => scenario.name).join(', ')}; starting the stack`);
  const stack = await startBenchStack(log);
  try {
    const results: ScenarioResult[] = [];
    const failed: string[] = [];
    for (const scenario of scenarios) {
      log(`running ${scenario.name}`);
      // One broken scenario must not throw away the half hour of measurements before it.
      try {
        for (const measurement of await scenario.run(stack, log)) {
          results.push({ ...measurement, met: targetMet(measurement) });
        }
      } catch (error) {
        failed.push(scenario.name);
        log(
          `${scenario.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      // Written after every scenario, so a run stopped part-way still leaves what it measured.
      await writeResults(stack.versions, speed, results);
    }
    speed.after = await machineSpeed();
    log(`machine speed: ${JSON.stringify(speed.after)}`);
    await writeResults(stack.versions, speed, results);
    process.stdout.write(`${resultsTable(results)}\n\nwritten to ${resultsFile}\n`);
    if (failed.length > 0)
      throw new Error(`scenarios that failed (not in the results): ${failed.join(', ')}`);
  } finally {
    await stack.stop();
  }
}

/** `machineSpeed` before the stack starts and after the last scenario (the stack idle). */
interface Speeds {
  before: MachineSpeed;
  after?: MachineSpeed;
}

async function writeResults(
  versions: Parameters<typeof machineInfo>[0],
  speed: Speeds,
  results: readonly ScenarioResult[],
): Promise<void> {
  await mkdir(join(resultsFile, '..'), { recursive: true });
  await writeFile(
    resultsFile,
    `${JSON.stringify(
      {
        machine: {
          ...machineInfo(versions),
          ...suffixed(speed.before, 'before'),
          ...suffixed(speed.after, 'after'),
        },
        scenarios: results.map(jsonEntry),
      },
      null,
      2,
    )}\n`,
  );
}

function suffixed(speed: MachineSpeed | undefined, suffix: string): Record<string, number> {
  return Object.fromEntries(Object.entries(speed ?? {}).map(([key, value]) => [`${key}_${suffix}`, value]));
}

/** ARCHITECTURE's entry: `target` as text with its direction (`"<= 5"`, `">= 5000"`), `better` folded into it. */
function jsonEntry(result: ScenarioResult) {
  return {
    name: result.name,
    value: result.value,
    unit: result.unit,
    target: targetText(result),
    met: result.met,
  };
}

async function loadScenarios(): Promise<BenchScenario[]> {
  const files = (await readdir(scenariosDir)).filter((file) => file.endsWith('.ts')).sort();
  return Promise.all(
    files.map(async (file) => {
      const module = (await import(join(scenariosDir, file))) as { scenario?: BenchScenario };
      if (!module.scenario) throw new Error(`${file} exports no \`scenario\``);
      return module.scenario;
    }),
  );
}

// Exits explicitly, as `npm start` does: a stopped stack can leave a pipe handle that keeps Node alive.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
