import { netboxTimestamp, restDateTime, snapshotDateTime } from '../netbox-datetime-formats';
import {
  ENVELOPE_TIMESTAMP_PATTERN,
  REST_DATETIME_PATTERN,
  SNAPSHOT_DATETIME_PATTERN,
  UUID_V7_PATTERN,
} from './wire-format-schemas';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';

const matches = (pattern: string, value: string) => new RegExp(pattern).test(value);
const WITH_FRACTION = { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 };
const WHOLE_SECOND = { date: new Date('2024-01-10T08:14:58.000Z'), micros: 0 };

describe('wire format patterns', () => {
  it.each([
    ['envelope timestamp', ENVELOPE_TIMESTAMP_PATTERN, netboxTimestamp],
    ['REST datetime', REST_DATETIME_PATTERN, restDateTime],
    ['snapshot datetime', SNAPSHOT_DATETIME_PATTERN, snapshotDateTime],
  ])(
    'the %s pattern matches what its formatter writes, with and without a fraction',
    (_, pattern, format) => {
      for (const { date, micros } of [WITH_FRACTION, WHOLE_SECOND]) {
        expect(matches(pattern, format(date, micros))).toBe(true);
      }
    },
  );

  it('tells the three datetime formats apart', () => {
    const { date, micros } = WITH_FRACTION;
    expect(matches(ENVELOPE_TIMESTAMP_PATTERN, restDateTime(date, micros))).toBe(false);
    expect(matches(REST_DATETIME_PATTERN, snapshotDateTime(date, micros))).toBe(false);
    expect(matches(SNAPSHOT_DATETIME_PATTERN, restDateTime(date, micros))).toBe(false);
  });

  it('the event-id pattern accepts the UUIDv7s the producers make and nothing older', () => {
    expect(matches(UUID_V7_PATTERN, uuidv7())).toBe(true);
    expect(matches(UUID_V7_PATTERN, uuidv4())).toBe(false);
  });
});
