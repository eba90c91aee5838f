import { preciseTimeOf, timestampParameter } from './precise-time-column';

describe('timestamps with microseconds between PostgreSQL and NetBox formats', () => {
  it('reads epoch microseconds into a Date plus the microseconds within the second', () => {
    const time = preciseTimeOf('1704874498120344');
    expect(time.date.toISOString()).toBe('2024-01-10T08:14:58.120Z');
    expect(time.micros).toBe(120344);
  });

  it('keeps microseconds before 1970 positive within their second', () => {
    const time = preciseTimeOf(-1);
    expect(time.date.toISOString()).toBe('1969-12-31T23:59:59.999Z');
    expect(time.micros).toBe(999999);
  });

  it('refuses what is not a whole number of microseconds', () => {
    expect(() => preciseTimeOf('12.5')).toThrow(RangeError);
  });

  it('writes a parameter PostgreSQL reads back to the microsecond', () => {
    expect(timestampParameter(preciseTimeOf('1704874498120344'))).toBe('2024-01-10T08:14:58.120344Z');
  });
});
