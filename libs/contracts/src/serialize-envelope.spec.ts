import { readFixture } from '../fixtures/read-fixture';
import type { NetBoxEnvelope } from './netbox-envelope';
import { serializeEnvelope } from './serialize-envelope';

const CREATED_BODY = readFixture('netbox-3.6-report-created.json');
const DELETED_BODY = readFixture('netbox-3.6-report-deleted.json');

describe('serializeEnvelope', () => {
  it.each([
    ['the reference sample of a created report', CREATED_BODY],
    ['a deleted report with non-ASCII username', DELETED_BODY],
  ])('re-serializes %s to identical bytes', (_, body) => {
    const envelope = JSON.parse(body) as NetBoxEnvelope;
    expect(Buffer.from(serializeEnvelope(envelope))).toEqual(Buffer.from(body, 'ascii'));
  });

  it("writes NetBox's key order whatever order the input object has", () => {
    const { event, timestamp, model, username, request_id, data, snapshots } = JSON.parse(
      CREATED_BODY,
    ) as NetBoxEnvelope;
    const shuffled: NetBoxEnvelope = {
      snapshots: { postchange: snapshots.postchange, prechange: snapshots.prechange },
      data,
      request_id,
      username,
      model,
      timestamp,
      event,
    };
    expect(serializeEnvelope(shuffled)).toBe(CREATED_BODY);
  });

  it('leaves out keys that are not part of the envelope', () => {
    const envelope = JSON.parse(CREATED_BODY) as NetBoxEnvelope;
    const withExtra = { ...envelope, object_type: 'validity.compliancereport' };
    expect(serializeEnvelope(withExtra)).toBe(CREATED_BODY);
  });

  it('writes a minimal envelope with nulls and empty data', () => {
    const envelope: NetBoxEnvelope = {
      event: 'updated',
      timestamp: '2024-01-10T08:15:02+00:00',
      model: 'webhook',
      username: null,
      request_id: null,
      data: {},
      snapshots: { prechange: null, postchange: null },
    };
    expect(serializeEnvelope(envelope)).toBe(
      '{"event": "updated", "timestamp": "2024-01-10T08:15:02+00:00", "model": "webhook", "username": null, ' +
        '"request_id": null, "data": {}, "snapshots": {"prechange": null, "postchange": null}}',
    );
  });
});
