import { batchLength, MAX_RESULTS_PER_BATCH, MAX_RUNS_PER_BATCH } from './run-group-commit';

describe('how many waiting runs the next batch takes', () => {
  it('takes every waiting run while both limits hold', () => {
    expect(batchLength([1, 1, 1])).toBe(3);
  });

  it('stops at the run limit', () => {
    expect(batchLength(Array.from({ length: MAX_RUNS_PER_BATCH + 10 }, () => 1))).toBe(MAX_RUNS_PER_BATCH);
  });

  it('stops before the run that would pass the result limit', () => {
    expect(batchLength([MAX_RESULTS_PER_BATCH - 1, 1, 1])).toBe(2);
  });

  it('takes a run bigger than the result limit alone, and first when it is oldest', () => {
    expect(batchLength([100_000, 1])).toBe(1);
    expect(batchLength([1, 100_000])).toBe(1);
  });

  it('takes nothing when nothing waits', () => {
    expect(batchLength([])).toBe(0);
  });
});
