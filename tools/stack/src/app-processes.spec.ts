import { mallocEnvironment } from './app-processes';

describe('mallocEnvironment', () => {
  it('gives the dispatcher a fixed malloc mmap threshold and two arenas, other apps nothing', () => {
    expect(mallocEnvironment('dispatcher')).toEqual({
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
    });
    expect(mallocEnvironment('gateway')).toEqual({});
  });
});
