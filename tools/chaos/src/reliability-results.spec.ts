import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  renderReliabilityDoc,
  saveFullRun,
  writeReliabilityPage,
  type ReliabilityResults,
} from './reliability-results';

function aFullRun(cpuStarvation: string, lost: number): ReliabilityResults {
  return {
    generated_at: '2026-12-03T10:00:00.000Z',
    mode: 'full',
    machine: { cpus: 2 },
    settings: { cpu_starvation: cpuStarvation },
    faults: [
      {
        name: 'dispatcher-sigkill',
        action: '`kill -9` of the dispatcher',
        events: 1800,
        expected_deliveries: 5400,
        lost,
        duplicates: 2,
        duplicates_with_new_id: 0,
        recovery_s: 11.7,
        check: null,
        load_1m_max: 3.2,
        passed: lost === 0,
      },
    ],
  };
}

describe('the reliability page', () => {
  it('shows the idle and the starved run side by side, each with its own table', () => {
    const page = renderReliabilityDoc({
      idle: aFullRun('none', 0),
      starved: aFullRun('a busy loop on each of 2 cores, whole run', 3),
    });

    const idle = page.indexOf('## Results on an idle machine');
    const starved = page.indexOf('## Results under CPU starvation');
    expect(idle).toBeGreaterThan(0);
    expect(starved).toBeGreaterThan(idle);
    expect(page.slice(idle, starved)).toContain(
      '| dispatcher-sigkill | 1800 | 5400 | 0 | 2 | 0 | 11.7 | 3.2 | yes |',
    );
    expect(page.slice(starved)).toContain(
      '| dispatcher-sigkill | 1800 | 5400 | 3 | 2 | 0 | 11.7 | 3.2 | **no** |',
    );
    expect(page.slice(starved)).toContain('`npm run chaos -- --starve-cpu`');
  });

  it('says which condition has not been run yet', () => {
    const page = renderReliabilityDoc({ starved: aFullRun('a busy loop on each of 2 cores, whole run', 0) });

    expect(page).toContain('## Results on an idle machine\n\nNot run yet.');
  });

  it('keeps the sections of the previous page whose results it does not have', () => {
    const soak =
      '## Soak\n\n`npm run soak -- --minutes 60` on 2026-12-03: **Passed**.\n\n![RSS](memory.svg)\n';
    const previousPage = renderReliabilityDoc({ idle: aFullRun('none', 0) }) + '\n' + soak;

    const page = renderReliabilityDoc(
      { starved: aFullRun('a busy loop on each of 2 cores, whole run', 0) },
      undefined,
      previousPage,
    );

    expect(page).toContain('## Results on an idle machine\n\n`npm run chaos` on');
    expect(page).toContain('## Results under CPU starvation\n\n`npm run chaos -- --starve-cpu`');
    expect(page.endsWith(soak)).toBe(true);
  });

  it('keeps the other condition when one full run is saved again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'reliability-page-'));
    mkdirSync(join(root, 'docs'));
    try {
      await saveFullRun(root, aFullRun('none', 0), false);
      await saveFullRun(root, aFullRun('a busy loop on each of 2 cores, whole run', 0), true);
      await saveFullRun(root, aFullRun('none', 1), false);
      await writeReliabilityPage(root);

      const page = await readFile(join(root, 'docs', 'reliability.md'), 'utf8');
      expect(page).toContain('| dispatcher-sigkill | 1800 | 5400 | 1 |');
      expect(page).toContain('## Results under CPU starvation\n\n`npm run chaos -- --starve-cpu`');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
