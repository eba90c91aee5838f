import { appCommandArgs, mallocEnvironment } from './app-processes';

describe('mallocEnvironment', () => {
  it('gives the dispatcher a fixed malloc mmap threshold and two arenas, other apps nothing', () => {
    expect(mallocEnvironment('dispatcher')).toEqual({
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
    });
    expect(mallocEnvironment('gateway')).toEqual({});
  });
});

describe('appCommandArgs', () => {
  it("gives the dispatcher's main a fixed V8 growth factor, its other entries and other apps none", () => {
    expect(appCommandArgs('dispatcher', 'built')[0]).toBe('--heap-growing-percent=150');
    expect(appCommandArgs('dispatcher', 'typescript')[0]).toBe('--heap-growing-percent=150');
    expect(appCommandArgs('dispatcher', 'built', 'migrate')).toHaveLength(1);
    expect(appCommandArgs('gateway', 'built')).toHaveLength(1);
  });
});
