import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appBuildUnit, buildUnit, builtEntry } from './app-build';

const repoRoot = join(__dirname, '..', '..', '..');
const gateway = appBuildUnit('gateway');

describe('app build', () => {
  it('compiles an app that plain node runs: it gets as far as reading its settings', async () => {
    await buildUnit(gateway);
    const run = spawnSync(process.execPath, [builtEntry('gateway')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).not.toContain('Cannot find module');
    expect(run.stderr).toContain('InvalidConfigError');
  });

  it('does not compile again while no source changed, and records what it was built from', async () => {
    await buildUnit(gateway);
    expect(await buildUnit(gateway)).toBe(false);
    const stamp = JSON.parse(readFileSync(join(repoRoot, gateway.outDir, 'build-stamp.json'), 'utf8')) as {
      inputs: Record<string, string>;
    };
    expect(Object.keys(stamp.inputs)).toEqual(
      expect.arrayContaining(['apps/gateway/src/main.ts', 'libs/platform/http/src/index.ts', 'package.json']),
    );
    expect(Object.keys(stamp.inputs).filter((file) => /\.(spec|int-spec)\.ts$/.test(file))).toEqual([]);
  });

  it('builds once when two builds of the same app race', async () => {
    rmSync(join(repoRoot, gateway.outDir, 'build-stamp.json'), { force: true });
    const built = await Promise.all([buildUnit(gateway), buildUnit(gateway)]);
    expect(built.filter(Boolean)).toHaveLength(1);
  });
});
