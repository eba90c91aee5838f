import { preciseNow, type PreciseTime } from './precise-time';

function epochMicros({ date, micros }: PreciseTime): number {
  return Math.floor(date.getTime() / 1000) * 1_000_000 + micros;
}

describe('preciseNow', () => {
  it('returns the wall-clock time, within the tolerated clock drift', () => {
    const before = Date.now();
    const { date } = preciseNow();
    const after = Date.now();

    expect(date.getTime()).toBeGreaterThanOrEqual(before - 10);
    expect(date.getTime()).toBeLessThanOrEqual(after + 10);
  });

  it('returns whole microseconds whose leading digits are the Date milliseconds', () => {
    const { date, micros } = preciseNow();

    expect(Number.isInteger(micros)).toBe(true);
    expect(micros).toBeGreaterThanOrEqual(0);
    expect(micros).toBeLessThanOrEqual(999_999);
    expect(Math.floor(micros / 1000)).toBe(date.getUTCMilliseconds());
  });

  it('never goes backwards and resolves below a millisecond', () => {
    const times = Array.from({ length: 1000 }, () => epochMicros(preciseNow()));

    times.slice(1).forEach((time, index) => expect(time).toBeGreaterThanOrEqual(times[index]));
    expect(new Set(times.map((time) => time % 1000)).size).toBeGreaterThan(1);
  });
});
