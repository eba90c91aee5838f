import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeNetBoxHook } from './place-netbox-hook';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name));
const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('placeNetBoxHook', () => {
  it.each([
    ['netbox-3.6-device-created.json', 'dcim.device.created', '5'],
    ['netbox-3.6-device-deleted.json', 'dcim.device.deleted', '5'],
    ['netbox-3.4-site-updated.json', 'dcim.site.updated', '2'],
    ['netbox-3.6-job-ended.json', 'extras.scriptmodule.job_ended', null],
    ['netbox-3.6-datasource-job-ended.json', 'core.datasource.job_ended', null],
    ['netbox-4.6-device-created.json', 'dcim.device.created', '5'],
    ['netbox-4.6-compliancereport-created.json', 'validity.compliancereport.created', '31'],
    ['netbox-4.6-job-started.json', 'core.datasource.job_started', '3'],
  ])('places %s on %s keyed %s', (name, topic, key) => {
    const result = placeNetBoxHook(fixture(name));
    expect(result).toMatchObject({ ok: true, placement: { topic, key } });
  });

  it('derives the type from a url under a NetBox BASE_PATH or an absolute url', () => {
    const event = { event: 'created', timestamp: 't', model: 'ipaddress', username: 'a', request_id: null };
    const snapshots = { prechange: null, postchange: {} };
    for (const url of ['/netbox/api/ipam/ip-addresses/7/', 'https://nb.example/api/ipam/ip-addresses/7/']) {
      expect(placeNetBoxHook(body({ ...event, data: { id: 7, url }, snapshots }))).toMatchObject({
        ok: true,
        placement: { topic: 'ipam.ipaddress.created' },
      });
    }
  });

  it('refuses a job event the dispatcher could not read', () => {
    const job = { event: 'job_started', timestamp: 't', object_type: 'core.datasource', username: null };
    expect(placeNetBoxHook(body({ ...job, request_id: null, data: null }))).toMatchObject({ ok: true });
    expect(placeNetBoxHook(body({ ...job, data: null }))).toMatchObject({
      ok: false,
      reason: 'Not a NetBox webhook body: The envelope has no "request_id" key',
    });
  });

  it.each([
    ['not JSON', Buffer.from('{"event": '), /not JSON/],
    ['a JSON array', body([1]), /not a JSON object/],
    ['an unknown event', body({ event: 'exploded' }), /"event" must be one of/],
    ['no object type and no url', body({ event: 'created', data: { id: 1 } }), /cannot be told/],
    [
      'a url of no known model',
      body({ event: 'created', data: { id: 1, url: '/api/foo/bars/1/' } }),
      /names no NetBox model/,
    ],
    [
      'a model that contradicts the url',
      body({ event: 'created', model: 'site', data: { id: 1, url: '/api/dcim/devices/1/' } }),
      /"model" is "site"/,
    ],
    [
      'an object event without snapshots',
      body({
        event: 'created',
        timestamp: 't',
        model: 'device',
        username: null,
        request_id: null,
        data: { id: 1, url: '/api/dcim/devices/1/' },
      }),
      /snapshots/,
    ],
    [
      'a malformed object_type',
      body({ event: 'created', object_type: 'Device', data: { id: 1 } }),
      /object_type/,
    ],
  ])('refuses %s, saying why', (_case, raw, reason) => {
    const result = placeNetBoxHook(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});
