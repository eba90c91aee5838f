import { maxAttempts, retryAfterMs, retryDelayMs } from './retry-schedule';

const SVIX = [5, 300, 1800, 7200, 18000, 36000, 36000];
const NOW = new Date('2024-01-10T08:00:00Z');
const middle = () => 0.5;

describe('retryDelayMs', () => {
  it.each([
    [1, 5_000],
    [2, 300_000],
    [3, 1_800_000],
    [7, 36_000_000],
  ])('after failed attempt %i waits the scheduled %i ms (no jitter at the middle)', (failed, expected) => {
    expect(retryDelayMs({ scheduleSeconds: SVIX, failedAttempts: failed, now: NOW, random: middle })).toBe(
      expected,
    );
  });

  it('gives up once every retry of the schedule was used', () => {
    expect(retryDelayMs({ scheduleSeconds: SVIX, failedAttempts: 8, now: NOW, random: middle })).toBeNull();
    expect(maxAttempts(SVIX)).toBe(8);
  });

  it('spreads each delay by at most ±20 %', () => {
    const at = (random: number) =>
      retryDelayMs({ scheduleSeconds: SVIX, failedAttempts: 2, now: NOW, random: () => random });
    expect(at(0)).toBe(240_000);
    expect(at(0.999999)).toBe(360_000);
  });

  it('lengthens the wait to Retry-After, up to the longest step of the schedule', () => {
    const delay = (retryAfter: string) =>
      retryDelayMs({ scheduleSeconds: SVIX, failedAttempts: 1, retryAfter, now: NOW, random: middle });
    expect(delay('120')).toBe(120_000);
    expect(delay('Wed, 10 Jan 2024 09:00:00 GMT')).toBe(3_600_000);
    expect(delay('999999')).toBe(36_000_000);
  });

  it('never shortens the schedule for a Retry-After, and ignores one it cannot read', () => {
    const delay = (retryAfter: string) =>
      retryDelayMs({ scheduleSeconds: SVIX, failedAttempts: 2, retryAfter, now: NOW, random: middle });
    expect(delay('1')).toBe(300_000);
    expect(delay('Wed, 10 Jan 2024 07:00:00 GMT')).toBe(300_000);
    expect(delay('soon')).toBe(300_000);
  });

  it('follows a compressed test schedule', () => {
    const schedule = [1, 2, 3];
    const delays = [1, 2, 3, 4].map((failed) =>
      retryDelayMs({ scheduleSeconds: schedule, failedAttempts: failed, now: NOW, random: middle }),
    );
    expect(delays).toEqual([1_000, 2_000, 3_000, null]);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['0', 0],
    [' 30 ', 30_000],
    ['Wed, 10 Jan 2024 08:00:10 GMT', 10_000],
    ['Wed, 10 Jan 2024 07:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['', undefined],
    ['tomorrow-ish', undefined],
  ])('reads %p as %p', (header, expected) => {
    expect(retryAfterMs(header, NOW)).toBe(expected);
  });
});
