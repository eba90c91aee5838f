import { summariseLatencies } from './latency-summary';

describe('summarising end-to-end latencies', () => {
  it('reports the nearest-rank p50 and p99', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(summariseLatencies(samples)).toEqual({ p50: 50, p99: 99, samples: 100 });
  });

  it('fails loudly on a negative latency instead of reporting it', () => {
    expect(() => summariseLatencies([3, -416, 5])).toThrow(/1 of 3 latencies are negative.*-416/);
  });

  it('accepts a zero latency', () => {
    expect(summariseLatencies([0]).p50).toBe(0);
  });
});
