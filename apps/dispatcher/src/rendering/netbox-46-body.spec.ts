import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { netbox46Body } from './netbox-46-body';

const REPORT_36 = Buffer.from(
  '{"event": "created", "timestamp": "2024-01-10T08:15:02.401177+00:00", "model": "compliancereport", ' +
    '"username": "admin", "request_id": "3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11", ' +
    '"data": {"id": 31, "url": "/api/plugins/validity/reports/31/", "display": "r\\u00e9port-31"}, ' +
    '"snapshots": {"prechange": null, "postchange": {"custom_fields": {}}}}',
);

describe('netbox46Body', () => {
  it('reshapes a 3.6 envelope into NetBox 4.6’s body: object_type for model, request after data', () => {
    expect(netbox46Body(REPORT_36, 'validity.compliancereport', undefined).toString()).toBe(
      '{"event": "created", "timestamp": "2024-01-10T08:15:02.401177+00:00", ' +
        '"object_type": "validity.compliancereport", "username": "admin", ' +
        '"request_id": "3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11", ' +
        '"data": {"id": 31, "url": "/api/plugins/validity/reports/31/", "display": "r\\u00e9port-31"}, ' +
        '"request": {"id": "3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11", "method": "POST", ' +
        '"path": "/api/plugins/validity/reports/", "user": "admin"}, ' +
        '"snapshots": {"prechange": null, "postchange": {"custom_fields": {}}}}',
    );
  });

  it('merges action_data into data with the object’s own keys winning', () => {
    const body = JSON.parse(
      netbox46Body(REPORT_36, 'validity.compliancereport', { team: 'noc', id: 999 }).toString(),
    ) as { data: Record<string, unknown> };
    expect(body.data).toEqual({
      team: 'noc',
      id: 31,
      url: '/api/plugins/validity/reports/31/',
      display: 'réport-31',
    });
  });

  it('names the object’s url as the path of an update or delete', () => {
    const updated = Buffer.from(REPORT_36.toString().replace('"created"', '"updated"'));
    const body = JSON.parse(netbox46Body(updated, 'validity.compliancereport', null).toString()) as {
      request: { method: string; path: string };
    };
    expect(body.request).toMatchObject({ method: 'PATCH', path: '/api/plugins/validity/reports/31/' });
  });

  it('sends a NetBox 4.6 body from the hub byte for byte when there is no action_data', () => {
    const fixture = readFileSync(
      join(__dirname, '../../../ingest/src/netbox-hooks/fixtures/netbox-4.6-device-created.json'),
    );
    expect(netbox46Body(fixture, 'dcim.device', null).equals(fixture)).toBe(true);
  });

  it('gives a 3.6 job event object_type and no request or snapshots', () => {
    const job = Buffer.from(
      '{"event": "job_ended", "timestamp": "2024-01-10T08:16:00.000001+00:00", "model": "scriptmodule", ' +
        '"username": "admin", "request_id": null, "data": null}',
    );
    expect(netbox46Body(job, 'extras.scriptmodule', undefined).toString()).toBe(
      '{"event": "job_ended", "timestamp": "2024-01-10T08:16:00.000001+00:00", ' +
        '"object_type": "extras.scriptmodule", "username": "admin", "request_id": null, "data": null}',
    );
  });

  it('leaves a body that is not a JSON object as it is', () => {
    const text = Buffer.from('not json');
    expect(netbox46Body(text, 'dcim.device', { a: 1 })).toBe(text);
  });
});
