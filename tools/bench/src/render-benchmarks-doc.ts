import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'latest.json');
const docFile = join(repoRoot, 'docs', 'benchmarks.md');

interface ResultsJson {
  machine: Record<string, string | number>;
  scenarios: Array<{
    name: string;
    value: number;
    unit: string;
    target: string | number | null;
    met: boolean | null;
  }>;
}

/** `npm run bench:doc`: writes `docs/benchmarks.md` from `bench/results/latest.json`. */
export function renderBenchmarksDoc(results: ResultsJson, generatedAt: string): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const number = (value: number) =>
    Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  const target = (value: string | number | null) =>
    value === null ? '-' : typeof value === 'number' ? `<= ${number(value)}` : value;
  const met = (value: boolean | null) => (value === null ? '-' : value ? 'yes' : '**no**');
  return [
    '# Benchmarks',
    '',
    `Generated from \`bench/results/latest.json\` by \`npm run bench:doc\` (${generatedAt}); do not edit by hand.`,
    'Run `npm run bench` (all scenarios) or `npm run bench -- <name>` to measure again; `tools/bench/README.md`',
    'describes the scenarios.',
    '',
    '## Machine and versions',
    '',
    '| | |',
    '| --- | --- |',
    ...Object.entries(results.machine).map(([key, value]) => `| ${cell(key)} | ${cell(String(value))} |`),
    '',
    '## Results',
    '',
    'Figures without a target (settings such as events, payload size, partitions and concurrency, or context)',
    'are reported as measured.',
    '',
    '| scenario | value | unit | target | met |',
    '| --- | ---: | --- | --- | --- |',
    ...results.scenarios.map(
      (entry) =>
        `| ${cell(entry.name)} | ${number(entry.value)} | ${cell(entry.unit)} | ${cell(target(entry.target))} | ${met(entry.met)} |`,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const results = JSON.parse(await readFile(resultsFile, 'utf8')) as ResultsJson;
  await mkdir(join(docFile, '..'), { recursive: true });
  await writeFile(docFile, renderBenchmarksDoc(results, new Date().toISOString().slice(0, 10)));
  process.stdout.write(`written to ${docFile}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:doc failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
