import { readJsonFixture } from '../fixtures/read-fixture';
import {
  netboxTimestamp,
  preciseTimeOfRestDateTime,
  restDateTime,
  snapshotDateTime,
} from './netbox-datetime-formats';

interface DatetimeCase {
  date: string;
  micros: number;
  netbox_timestamp: string;
  rest: string;
  snapshot: string;
}

// Expected strings come from Python's isoformat and from DRF's and Django's rules (fixtures/generate.py).
const CASES = readJsonFixture<DatetimeCase[]>('datetimes.json').map((c) => [c.netbox_timestamp, c] as const);

describe('NetBox datetime formats', () => {
  it.each(CASES)('netboxTimestamp writes %s as Python isoformat', (_, c) => {
    expect(netboxTimestamp(new Date(c.date), c.micros)).toBe(c.netbox_timestamp);
  });

  it.each(CASES)('restDateTime writes %s as DRF does', (_, c) => {
    expect(restDateTime(new Date(c.date), c.micros)).toBe(c.rest);
  });

  it.each(CASES)("snapshotDateTime writes %s as Django's JSON encoder does", (_, c) => {
    expect(snapshotDateTime(new Date(c.date), c.micros)).toBe(c.snapshot);
  });

  it("uses the Date's milliseconds when no microseconds are given", () => {
    const date = new Date('2023-04-12T19:36:33.690Z');
    expect(netboxTimestamp(date)).toBe('2023-04-12T19:36:33.690000+00:00');
    expect(restDateTime(date)).toBe('2023-04-12T19:36:33.690000Z');
    expect(snapshotDateTime(date)).toBe('2023-04-12T19:36:33.690Z');
  });

  it('omits the fraction when the Date has no milliseconds and no microseconds are given', () => {
    const date = new Date('2023-04-12T19:36:33.000Z');
    expect(netboxTimestamp(date)).toBe('2023-04-12T19:36:33+00:00');
    expect(restDateTime(date)).toBe('2023-04-12T19:36:33Z');
    expect(snapshotDateTime(date)).toBe('2023-04-12T19:36:33Z');
  });

  it.each([-1, 1_000_000, 1.5, NaN])('refuses %p microseconds', (micros) => {
    expect(() => netboxTimestamp(new Date(0), micros)).toThrow(
      new RangeError(`Microseconds must be an integer from 0 to 999999, got ${micros}`),
    );
  });

  it('refuses an invalid Date', () => {
    expect(() => restDateTime(new Date('nonsense'))).toThrow(
      new RangeError('Invalid Date cannot be formatted'),
    );
  });

  it("refuses years outside Python's datetime range", () => {
    expect(() => snapshotDateTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(
      new RangeError("Year 10000 is outside Python's datetime range 1-9999"),
    );
  });

  it.each([
    [new Date('2023-04-12T19:36:33.690Z'), 690_567],
    [new Date('2023-04-12T19:36:33.000Z'), 0],
    [new Date('2023-04-12T19:36:33.004Z'), 4_010],
  ])('reads a REST datetime back to the time it was written from (%p, %p µs)', (date, micros) => {
    expect(preciseTimeOfRestDateTime(restDateTime(date, micros))).toEqual({ date, micros });
  });

  it('refuses a text that is no datetime', () => {
    expect(() => preciseTimeOfRestDateTime('yesterday')).toThrow(
      new RangeError('Not a REST datetime: yesterday'),
    );
  });
});
