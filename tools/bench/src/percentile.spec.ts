import { percentile } from './percentile';

describe('nearest-rank percentiles', () => {
  const samples = Array.from({ length: 100 }, (_, index) => 100 - index); // 100 .. 1, unsorted input

  it('picks the observed value at the rank', () => {
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('refuses no samples and percentiles outside 0-100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});
