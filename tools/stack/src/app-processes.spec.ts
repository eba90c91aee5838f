import { spawnSync } from 'node:child_process';
import { appCommandArgs, mallocEnvironment } from './app-processes';
import { builtEntry } from './app-build';

describe('appCommandArgs', () => {
  it('runs the dispatcher with V8 flags this node accepts, before its entry', () => {
    const args = appCommandArgs('dispatcher', 'built');
    const flags = args.slice(0, -1);
    expect(args.at(-1)).toBe(builtEntry('dispatcher', 'main'));
    expect(flags).toEqual(expect.arrayContaining(['--heap-growing-percent=100']));
    const run = spawnSync(process.execPath, [...flags, '-e', ''], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs other entries and other apps without extra flags', () => {
    expect(appCommandArgs('dispatcher', 'built', 'migrate')).toEqual([builtEntry('dispatcher', 'migrate')]);
    expect(appCommandArgs('gateway', 'built')).toEqual([builtEntry('gateway', 'main')]);
  });
});

describe('mallocEnvironment', () => {
  it('gives the dispatcher a fixed malloc mmap threshold and two arenas, other apps nothing', () => {
    expect(mallocEnvironment('dispatcher')).toEqual({
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
    });
    expect(mallocEnvironment('gateway')).toEqual({});
  });
});
