import { medianBurst } from './median-burst';

describe('medianBurst', () => {
  const rate = (burst: { rate: number }) => burst.rate;

  it('returns the whole burst whose rate is the middle one', () => {
    const bursts = [
      { rate: 9_000, cpu: 1 },
      { rate: 5_000, cpu: 2 },
      { rate: 7_000, cpu: 3 },
    ];
    expect(medianBurst(bursts, rate)).toEqual({ rate: 7_000, cpu: 3 });
  });

  it('takes the lower middle burst of an even count, and the only one of one', () => {
    expect(medianBurst([{ rate: 4 }, { rate: 1 }, { rate: 3 }, { rate: 2 }], rate)).toEqual({ rate: 2 });
    expect(medianBurst([{ rate: 4 }], rate)).toEqual({ rate: 4 });
  });

  it('refuses no bursts', () => {
    expect(() => medianBurst([], rate)).toThrow(RangeError);
  });
});
