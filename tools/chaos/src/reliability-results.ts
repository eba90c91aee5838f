import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { LATE_AFTER_MS, type LedgerSummary } from './delivery-ledger';
import { SOAK_THRESHOLDS, type SoakSummary } from './soak/soak-verdict';

export interface FaultResult {
  name: string;
  action: string;
  events: number;
  expected_deliveries: number;
  lost: number;
  duplicates: number;
  duplicates_with_new_id: number;
  recovery_s: number | null;
  /** A fault-specific check (the poison record's dead-letter entry), when the fault has one. */
  check: string | null;
  /** The highest one-minute load average while the fault ran (the machine has `machine.cpus` cores). */
  load_1m_max: number;
  passed: boolean;
}

export interface ReliabilityResults {
  generated_at: string;
  mode: 'full' | 'short';
  machine: Record<string, string | number>;
  settings: Record<string, string | number>;
  faults: FaultResult[];
}

/** A fault passes when nothing was lost, every duplicate kept its webhook-id and its own check held. */
export function faultResult(
  name: string,
  action: string,
  summary: LedgerSummary,
  check: { passed: boolean; detail: string } | undefined,
  load1mMax: number,
): FaultResult {
  return {
    name,
    action,
    events: summary.events,
    expected_deliveries: summary.expected,
    lost: summary.lost,
    duplicates: summary.duplicates,
    duplicates_with_new_id: summary.duplicatesWithNewId,
    recovery_s: summary.recoveryS,
    check: check?.detail ?? null,
    load_1m_max: load1mMax,
    passed: summary.lost === 0 && summary.duplicatesWithNewId === 0 && (check?.passed ?? true),
  };
}

/** The table `npm run chaos` prints and `docs/reliability.md` shows. */
export function faultTable(faults: readonly FaultResult[]): string {
  const rows = faults.map((fault) =>
    [
      fault.name,
      String(fault.events),
      String(fault.expected_deliveries),
      String(fault.lost),
      String(fault.duplicates),
      String(fault.duplicates_with_new_id),
      fault.recovery_s === null ? '-' : fault.recovery_s.toFixed(1),
      fault.load_1m_max.toFixed(1),
      fault.passed ? 'yes' : '**no**',
    ].join(' | '),
  );
  return [
    '| fault | events | deliveries expected | lost | duplicates | duplicates with a new webhook-id | recovery (s) | load (1 min, max) | passed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/** The full runs the page shows: one on an idle machine, one under CPU starvation (`--starve-cpu`). */
export interface ReliabilityRuns {
  idle?: ReliabilityResults;
  starved?: ReliabilityResults;
}

const RUN_FILES: Record<keyof ReliabilityRuns, string> = {
  idle: 'latest.json',
  starved: 'latest-starved.json',
};

const resultsDir = (repoRoot: string) => join(repoRoot, 'reliability', 'results');

async function readJson<T>(file: string): Promise<T | undefined> {
  return readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as T,
    () => undefined,
  );
}

/** Stores a full run's results under its machine condition, keeping the other condition's run. */
export async function saveFullRun(
  repoRoot: string,
  results: ReliabilityResults,
  starved: boolean,
): Promise<string> {
  const file = join(resultsDir(repoRoot), RUN_FILES[starved ? 'starved' : 'idle']);
  await mkdir(resultsDir(repoRoot), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/**
 * Renders `docs/reliability.md` from every stored result (the idle and the starved full run, the soak), so
 * `npm run chaos`, `npm run chaos -- --starve-cpu` and `npm run soak` each refresh their part and keep the rest.
 * A part whose results file this checkout lacks (a soak run before the files were committed) keeps its
 * section of the page as it is. Writes nothing until a full fault run or a soak exists.
 */
export async function writeReliabilityPage(repoRoot: string): Promise<string | undefined> {
  const dir = resultsDir(repoRoot);
  const runs: ReliabilityRuns = {
    idle: await readJson<ReliabilityResults>(join(dir, RUN_FILES.idle)),
    starved: await readJson<ReliabilityResults>(join(dir, RUN_FILES.starved)),
  };
  const soak = await readJson<SoakSummary>(join(dir, 'soak.json'));
  if (!runs.idle && !runs.starved && !soak) return undefined;
  const docFile = join(repoRoot, 'docs', 'reliability.md');
  const previousPage = await readFile(docFile, 'utf8').catch(() => undefined);
  await writeFile(docFile, renderReliabilityDoc(runs, soak, previousPage));
  return docFile;
}

export function renderReliabilityDoc(
  runs: ReliabilityRuns,
  soak?: SoakSummary,
  previousPage?: string,
): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const pairs = (record: Record<string, string | number>) => [
    '| | |',
    '| --- | --- |',
    ...Object.entries(record).map(([key, value]) => `| ${cell(key)} | ${cell(String(value))} |`),
  ];
  const shown = [runs.idle, runs.starved].filter((run): run is ReliabilityResults => run !== undefined);
  const reference: ReliabilityResults | undefined = runs.idle ?? shown[0];
  const resultSection = (title: string, file: string, run: ReliabilityResults | undefined) =>
    run
      ? [
          `## ${title}`,
          '',
          `\`${run === runs.starved ? 'npm run chaos -- --starve-cpu' : 'npm run chaos'}\` on ${run.generated_at.slice(0, 10)}${atCommit(run.machine)} (\`reliability/results/${file}\`); CPU starvation: ${cell(String(run.settings.cpu_starvation ?? 'none'))}.`,
          '',
          faultTable(run.faults),
          '',
        ]
      : (sectionOf(previousPage, title) ?? [`## ${title}`, '', 'Not run yet.', '']);
  return [
    '# Reliability under faults',
    '',
    'Generated by `npm run chaos` (idle machine), `npm run chaos -- --starve-cpu` (a busy loop on every core for',
    'the whole run) and `npm run soak` from `reliability/results/`; do not edit by hand.',
    '',
    'While compliance runs are posted to the reports service at a steady rate and every created report is',
    'delivered to several webhooks, the run injects one fault at a time into the stack `npm start` runs.',
    'After each fault it waits until the stream is delivered, then compares every expected (event, webhook)',
    'pair with what the receivers accepted.',
    '',
    '- **lost**: expected pairs no receiver accepted (must be 0).',
    '- **duplicates**: copies accepted beyond the first (delivery is at least once); each must carry the',
    "  first copy's `webhook-id` so a receiver can drop it (**duplicates with a new webhook-id** must be 0).",
    '- **recovery**: seconds from the end of the fault (process killed, broker or database answering again,',
    `  receiver healthy again) until the last late delivery (one that arrived more than ${LATE_AFTER_MS / 1_000} s after its`,
    '  report was confirmed), i.e. until deliveries were back to their normal pace.',
    '- **load**: the highest one-minute load average while the fault ran, on a machine with',
    `  ${reference?.machine.cpus ?? availableParallelism()} cores.`,
    '',
    ...resultSection('Results on an idle machine', RUN_FILES.idle, runs.idle),
    ...resultSection('Results under CPU starvation', RUN_FILES.starved, runs.starved),
    ...(reference
      ? [
          '## What each fault does',
          '',
          '| fault | action | extra check |',
          '| --- | --- | --- |',
          ...reference.faults.map(
            (fault) => `| ${fault.name} | ${cell(fault.action)} | ${cell(fault.check ?? '-')} |`,
          ),
          '',
          '## Settings',
          '',
          ...pairs(reference.settings),
          '',
          '## Machine and versions',
          '',
          ...pairs(reference.machine),
          '',
        ]
      : []),
    ...(soak ? soakSection(soak) : (sectionOf(previousPage, 'Soak') ?? [])),
  ].join('\n');
}

/** The lines of `page`'s `## title` section, up to the next `## ` heading, if it has one with content. */
function sectionOf(page: string | undefined, title: string): string[] | undefined {
  const lines = page?.split('\n') ?? [];
  const start = lines.indexOf(`## ${title}`);
  if (start === -1) return undefined;
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const section = lines.slice(start, next === -1 ? lines.length : next);
  return section.includes('Not run yet.') ? undefined : section;
}

/** ` at commit abc1234`, for results that recorded the commit they ran at (older ones did not). */
function atCommit(machine: Record<string, string | number> | undefined): string {
  return machine?.commit ? ` at commit \`${machine.commit}\`` : '';
}

/** The soak's figures and plots (`npm run soak`), kept beside the fault table. */
function soakSection(soak: SoakSummary): string[] {
  const { verdict } = soak;
  const last = soak.samples[soak.samples.length - 1];
  const services = Object.keys(verdict.rss_slope_mib_per_hour);
  return [
    '## Soak',
    '',
    `\`npm run soak -- --minutes ${soak.minutes}\` on ${soak.generated_at.slice(0, 10)}${atCommit(soak.machine)} (\`reliability/results/soak.json\`): compliance runs of 1-1,000 results`,
    `(log-uniform) to ${soak.webhooks} webhooks, one failing 5 % of its requests and one answering slowly, at a target of`,
    `${soak.target_events_per_second} runs/s (${soak.target_source}); the stack kept ${soak.achieved_events_per_second} runs/s`,
    `(at most 16 runs in flight; ${soak.concurrency_per_webhook} deliveries in flight per webhook, room for the slow receiver's 0.8 s answers). Sampled every 10 s; warm-up ${verdict.warmup_s} s, whose p99 leaves out the first ${verdict.startup_s ?? 0} s of start-up. **${verdict.passed ? 'Passed' : 'Failed'}**${verdict.failures.length ? `: ${verdict.failures.join('; ')}` : ''}.`,
    '',
    '| figure | value | pass when |',
    '| --- | ---: | --- |',
    `| runs confirmed | ${soak.runs_confirmed} (and ${soak.calibration_runs ?? 0} in the calibration, also checked for loss) | - |`,
    `| deliveries expected | ${soak.deliveries_expected} | - |`,
    `| lost | ${verdict.lost} | 0 |`,
    ...services.map(
      (service) =>
        `| ${service} RSS slope after warm-up (MiB/h) | ${verdict.rss_slope_mib_per_hour[service]} | <= ${SOAK_THRESHOLDS.rssSlopeMibPerHour} |`,
    ),
    `| consumer lag slope after warm-up (records/min) | ${verdict.lag_slope_per_minute} | <= ${SOAK_THRESHOLDS.lagSlopePerMinute} |`,
    `| delivery p99, warm-up (ms) | ${verdict.p99_warmup_ms ?? '-'} | - |`,
    `| delivery p99, after warm-up (ms) | ${verdict.p99_after_ms ?? '-'} | <= ${SOAK_THRESHOLDS.p99Factor}x warm-up |`,
    `| PostgreSQL bytes per run, middle third | ${verdict.disk_bytes_per_event.middle ?? '-'} | - |`,
    `| PostgreSQL bytes per run, last third | ${verdict.disk_bytes_per_event.last ?? '-'} | <= ${SOAK_THRESHOLDS.diskPerEventFactor}x middle |`,
    `| PostgreSQL at the end (tables + indexes, MiB) | ${last ? (last.postgres_table_mib + last.postgres_index_mib).toFixed(1) : '-'} | - |`,
    '',
    'PostgreSQL grows with every run until the delivery log retention (`DELIVERY_LOG_RETENTION_DAYS`, 30 days) and',
    "the reports' own retention prune it; within a soak nothing is old enough to prune, so the bound checked is that",
    'each run costs no more bytes at the end than in the middle (nothing piles up beyond the rows a run writes).',
    '',
    '![RSS per service](reliability-soak-memory.svg)',
    '',
    '![Delivery p99 and consumer lag](reliability-soak-latency.svg)',
    '',
  ];
}
