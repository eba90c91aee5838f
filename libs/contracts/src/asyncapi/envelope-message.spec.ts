import { checkKafkaRecord, type RecordUnderCheck } from '@validity/schema-testing';
import { readFixtureBytes, readJsonFixture } from '../../fixtures/read-fixture';
import {
  complianceReportData,
  complianceReportSnapshot,
  type ComplianceReportFields,
} from '../compliance-report-representation';
import { encodeEnvelope, type EncodedEnvelope } from '../encode-envelope';
import { netboxTimestamp } from '../netbox-datetime-formats';
import type { NetBoxEnvelope } from '../netbox-envelope';
import { buildAsyncApiDocument } from './asyncapi-document';

interface GoldenRecord {
  topic: string;
  key: string;
  value_fixture: string;
  headers: Record<string, string>;
}

const DOCUMENT = buildAsyncApiDocument();
const GOLDEN = readJsonFixture<GoldenRecord>('kafka-record.json');
const DELETED_BODY = readFixtureBytes('netbox-3.6-report-deleted.json');

const REPORT: ComplianceReportFields = {
  id: 31,
  created: { date: new Date('2024-01-10T08:14:58.120Z'), micros: 120344 },
  lastUpdated: { date: new Date('2024-01-10T08:14:58.000Z'), micros: 0 },
  customFields: { owner: 'noc', ticket: 4521, tags: ['a', 'ü'] },
  counts: {
    deviceCount: 2,
    testCount: 4,
    totalPassed: 6,
    totalCount: 8,
    lowPassed: 1,
    lowCount: 1,
    middlePassed: 5,
    middleCount: 6,
    highPassed: 0,
    highCount: 1,
  },
};

function recordOf({ topic, message }: EncodedEnvelope): RecordUnderCheck {
  return { topic, key: message.key, value: message.value, headers: message.headers };
}

/** A report envelope as the reports service builds it, through the one serializer. */
function reportRecord(event: NetBoxEnvelope['event'], report: ComplianceReportFields = REPORT) {
  const snapshot = complianceReportSnapshot(report);
  const envelope: NetBoxEnvelope = {
    event,
    timestamp: netboxTimestamp(new Date('2024-01-10T08:15:02.401Z'), 401177),
    model: 'compliancereport',
    username: 'admin',
    request_id: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
    data: complianceReportData(report),
    snapshots: {
      prechange: event === 'created' ? null : snapshot,
      postchange: event === 'deleted' ? null : snapshot,
    },
  };
  return recordOf(encodeEnvelope(envelope, { objectType: 'validity.compliancereport', objectId: report.id }));
}

const withoutCounts: ComplianceReportFields = { ...REPORT, counts: undefined };

describe('the envelope messages of the AsyncAPI document', () => {
  it('accept the golden Kafka record (with traceparent) and the golden deleted body', () => {
    const golden: RecordUnderCheck = {
      topic: GOLDEN.topic,
      key: GOLDEN.key,
      value: readFixtureBytes(GOLDEN.value_fixture),
      headers: GOLDEN.headers,
    };
    expect(checkKafkaRecord(DOCUMENT, golden)).toEqual([]);

    const deleted = JSON.parse(DELETED_BODY.toString('ascii')) as NetBoxEnvelope;
    const encoded = recordOf(
      encodeEnvelope(deleted, { objectType: 'validity.compliancereport', objectId: 31 }),
    );
    expect(encoded.value).toEqual(DELETED_BODY);
    expect(checkKafkaRecord(DOCUMENT, encoded)).toEqual([]);
  });

  it.each([
    ['created, with statistics', 'created' as const, REPORT],
    ['updated, with statistics', 'updated' as const, REPORT],
    ['updated, without statistics', 'updated' as const, withoutCounts],
    ['deleted, without statistics', 'deleted' as const, withoutCounts],
  ])('accept a serialized report %s', (_, event, report) => {
    expect(checkKafkaRecord(DOCUMENT, reportRecord(event, report))).toEqual([]);
  });

  it('refuse a created report without statistics and a deleted one with them', () => {
    expect(checkKafkaRecord(DOCUMENT, reportRecord('created', withoutCounts))).toContain(
      'envelope: payload $.data: missing "device_count"',
    );
    expect(checkKafkaRecord(DOCUMENT, reportRecord('deleted'))).toContain(
      'envelope: payload $.data: unexpected "device_count"',
    );
  });

  it('refuse records that break the envelope contract', () => {
    const good = reportRecord('created');
    const body = JSON.parse(good.value!.toString()) as Record<string, unknown>;
    const reordered = { timestamp: body.timestamp, ...body };
    const cases: [string, RecordUnderCheck, string][] = [
      [
        'an extra envelope key',
        { ...good, value: Buffer.from(JSON.stringify({ ...body, extra: 1 })) },
        'unexpected "extra"',
      ],
      ['keys out of order', { ...good, value: Buffer.from(JSON.stringify(reordered)) }, 'keys in order'],
      ['a key that is not the id', { ...good, key: '031' }, 'key $: "031" does not match'],
      [
        'a header that disagrees',
        { ...good, headers: { ...good.headers, event: 'deleted' } },
        'headers $.event',
      ],
      [
        'a header too many',
        { ...good, headers: { ...good.headers, 'x-secret': 'k' } },
        'unexpected "x-secret"',
      ],
      [
        'a UUIDv4 event-id',
        { ...good, headers: { ...good.headers, 'event-id': '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11' } },
        'event-id',
      ],
      [
        'a datetime in the wrong format',
        { ...good, value: Buffer.from(good.value!.toString().replace('+00:00', 'Z')) },
        '$.timestamp',
      ],
    ];
    for (const [what, record, problem] of cases) {
      expect({ what, problems: checkKafkaRecord(DOCUMENT, record).join('\n') }).toEqual({
        what,
        problems: expect.stringContaining(problem),
      });
    }
  });

  it('refuse a create that has a prechange snapshot', () => {
    const updated = reportRecord('updated');
    const asCreated = {
      ...updated,
      topic: 'validity.compliancereport.created',
      headers: { ...updated.headers, event: 'created' },
    };
    const body = JSON.parse(updated.value!.toString()) as Record<string, unknown>;
    asCreated.value = Buffer.from(JSON.stringify({ ...body, event: 'created' }));
    expect(checkKafkaRecord(DOCUMENT, asCreated)).toContain(
      'envelope: payload $.snapshots.prechange: expected null, got an object',
    );
  });
});
