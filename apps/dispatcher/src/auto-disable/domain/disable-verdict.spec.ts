import { attemptVerdict, streakIsLongEnough } from './disable-verdict';

describe('attemptVerdict', () => {
  it.each<[number | null, string]>([
    [200, 'success'],
    [204, 'success'],
    [410, 'gone'],
    [404, 'failure'],
    [500, 'failure'],
    [301, 'failure'],
    [null, 'failure'],
  ])('reads HTTP %s as %s', (status, verdict) => {
    expect(attemptVerdict(status)).toBe(verdict);
  });
});

describe('streakIsLongEnough', () => {
  const since = new Date('2026-12-01T00:00:00Z');
  const fiveDays = 5 * 86_400_000;

  it('disables from the configured period on, not before', () => {
    expect(streakIsLongEnough(since, new Date(since.getTime() + fiveDays - 1), fiveDays)).toBe(false);
    expect(streakIsLongEnough(since, new Date(since.getTime() + fiveDays), fiveDays)).toBe(true);
  });

  it('never disables with a period of 0 (auto-disable off)', () => {
    expect(streakIsLongEnough(since, new Date(since.getTime() + 10 * fiveDays), 0)).toBe(false);
  });
});
