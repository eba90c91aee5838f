import { DEFAULT_SETTINGS, type Webhook } from '../domain/webhook';
import type { ExistingWebhooks } from './existing-webhooks';
import { validateWebhookRequests, type WebhookRequest } from './validate-webhook-requests';
import { INITIAL_DELIVERY_STATE } from '../domain/webhook-delivery-state';

const saved: Webhook = {
  ...DEFAULT_SETTINGS,
  ...INITIAL_DELIVERY_STATE,
  id: 1,
  name: 'saved',
  content_types: ['validity.compliancereport'],
  type_create: true,
  payload_url: 'http://saved.example/',
  created: { date: new Date(0), micros: 0 },
  lastUpdated: { date: new Date(0), micros: 0 },
};

/** The database as validation sees it: one saved webhook. */
const existing: ExistingWebhooks = {
  withNames: (names) =>
    Promise.resolve(names.includes(saved.name) ? [{ id: saved.id, name: saved.name }] : []),
  withPayloadUrls: (urls) => Promise.resolve(urls.includes(saved.payload_url) ? [saved] : []),
};

const create = (body: Record<string, unknown>): WebhookRequest => ({
  body: { content_types: ['validity.compliancetest'], type_update: true, ...body },
  partial: false,
});

describe('validateWebhookRequests', () => {
  it('applies NetBox’s defaults to a create', async () => {
    const [result] = await validateWebhookRequests(
      [create({ name: 'new', payload_url: 'http://new/' })],
      existing,
    );
    expect(result).toEqual({
      ok: true,
      settings: {
        ...DEFAULT_SETTINGS,
        content_types: ['validity.compliancetest'],
        type_update: true,
        name: 'new',
        payload_url: 'http://new/',
      },
    });
  });

  it('checks the name’s uniqueness even when other fields fail, and model rules only when none does', async () => {
    const [result] = await validateWebhookRequests(
      [
        create({
          name: 'saved',
          payload_url: 'http://saved.example/',
          type_update: false,
          type_create: true,
          enabled: 'x',
        }),
      ],
      existing,
    );
    expect(result).toEqual({
      ok: false,
      errors: { enabled: ['Must be a valid boolean.'], name: ['webhook with this name already exists.'] },
    });
  });

  it('lets a webhook keep its own name and URL, and merges a PATCH into its settings', async () => {
    const [result] = await validateWebhookRequests(
      [{ body: { name: 'saved', secret: 'x' }, current: saved, partial: true }],
      existing,
    );
    expect(result).toEqual({
      ok: true,
      settings: expect.objectContaining({ name: 'saved', secret: 'x', type_create: true }),
    });
  });

  it('checks later requests against earlier ones of the same call', async () => {
    const results = await validateWebhookRequests(
      [
        create({ name: 'a', payload_url: 'http://a/' }),
        create({ name: 'a', payload_url: 'http://b/' }),
        create({ name: 'c', payload_url: 'http://a/' }),
        create({ name: 'd', payload_url: 'http://a/', type_delete: true }),
      ],
      existing,
    );
    expect(results.map((result) => (result.ok ? 'ok' : result.errors))).toEqual([
      'ok',
      { name: ['webhook with this name already exists.'] },
      { __all__: ['Webhook with this URL, On create, On update and On delete already exists.'] },
      'ok',
    ]);
  });

  it('stops the model rules at their first failure, in NetBox’s order', async () => {
    const [result] = await validateWebhookRequests(
      [
        create({
          name: 'n',
          payload_url: 'http://n/',
          type_update: false,
          ssl_verification: false,
          ca_file_path: '/ca',
        }),
      ],
      existing,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        __all__: [
          'At least one event type must be selected: create, update, delete, job_start, and/or job_end.',
        ],
      },
    });
  });

  it('checks templates only once NetBox’s own rules pass, so NetBox’s refusals keep NetBox’s exact answer', async () => {
    const results = await validateWebhookRequests(
      [
        create({ name: 'saved', payload_url: 'http://t/', body_template: '{% if %}' }),
        create({ name: 't', payload_url: 'http://t/', type_update: false, body_template: '{% if %}' }),
        create({ name: 'u', payload_url: 'http://u/{{ data.__class__ }}', body_template: '{% if %}' }),
      ],
      existing,
    );
    expect(results.map((result) => (result.ok ? 'ok' : result.errors))).toEqual([
      { name: ['webhook with this name already exists.'] },
      {
        __all__: [
          'At least one event type must be selected: create, update, delete, job_start, and/or job_end.',
        ],
      },
      {
        payload_url: [
          "Unsafe template: .__class__ (line 1) names a private member; names starting with '_' are not allowed.",
        ],
        body_template: ['Template syntax error: unexpected end of expression (line 1)'],
      },
    ]);
  });

  it('checks only the templates a request sets, so a webhook stored before the rules can still be edited', async () => {
    const legacy: Webhook = { ...saved, body_template: '{{ data.__class__ }}', additional_headers: 'X-A' };
    const [patch] = await validateWebhookRequests(
      [{ body: { enabled: false }, current: legacy, partial: true }],
      existing,
    );
    const [put] = await validateWebhookRequests(
      [
        {
          body: { name: 'saved', content_types: legacy.content_types, payload_url: legacy.payload_url },
          current: legacy,
          partial: false,
        },
      ],
      existing,
    );
    expect(patch).toEqual({
      ok: true,
      settings: expect.objectContaining({ enabled: false, additional_headers: 'X-A' }),
    });
    expect(put).toEqual({
      ok: true,
      settings: expect.objectContaining({ body_template: '{{ data.__class__ }}' }),
    });
    const [changed] = await validateWebhookRequests(
      [{ body: { additional_headers: 'X-A: 1\nHost: x' }, current: legacy, partial: true }],
      existing,
    );
    expect(changed).toEqual({
      ok: false,
      errors: {
        additional_headers: ["Line 2: 'Host' cannot be set: the request goes to payload_url's host."],
      },
    });
  });
});
