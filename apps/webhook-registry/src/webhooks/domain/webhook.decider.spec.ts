import { decodeEnvelope, decodeWebhookDefinition, type PreciseTime } from '@validity/contracts';
import { decideOnStream, foldStream, type StoredEvent } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import { DEFAULT_SETTINGS, type WebhookSettings } from './webhook';
import { webhookDecider, type WebhookCommand, type WebhookState } from './webhook.decider';

const settings: WebhookSettings = {
  ...DEFAULT_SETTINGS,
  name: 'hook \u00e9',
  content_types: ['validity.compliancereport'],
  type_create: true,
  payload_url: 'http://receiver.example/',
  secret: 's3cr3t',
  conditions: { and: [{ attr: 'total_passed', value: 0, op: 'gt' }] },
  timeout: 30,
};
const context = { username: 'admin', requestId: 'fc577b60-3f63-4402-8661-547adfefdd87' };
const at = (iso: string, micros: number): PreciseTime => ({ date: new Date(iso), micros });
const createdAt = at('2023-04-12T19:30:02.118Z', 118204);
const changedAt = at('2023-04-12T19:40:00.500Z', 500001);
const HOUR_MS = 3_600_000;

/** Given a stream, when a command: the stream after it. */
const when = (history: readonly StoredEvent[], command: WebhookCommand): StoredEvent[] =>
  decideOnStream(webhookDecider, history, command, 'webhook-7');
const stateOf = (history: readonly StoredEvent[]): WebhookState => foldStream(history, webhookDecider).state;
const webhookOf = (history: readonly StoredEvent[]) => {
  const state = stateOf(history);
  if (state.status !== 'live') throw new Error(`no webhook: ${state.status}`);
  return state.webhook;
};

const created = () => when([], { create: { id: 7, settings, at: createdAt }, context });

describe('a webhook stream (given events, when a command, then events)', () => {
  it('creates the webhook with its envelope and definition, and rebuilds it from them alone', () => {
    const stream = created();
    expect(stream.map((event) => [event.type, event.version])).toEqual([
      ['WebhookCreated', 1],
      ['WebhookDefinitionChanged', 2],
    ]);
    expect(webhookOf(stream)).toEqual({
      ...settings,
      id: 7,
      version: 2,
      created: createdAt,
      lastUpdated: createdAt,
      previous_secret: '',
      secret_rotated_at: null,
      previous_secret_expires: null,
      disabled_reason: '',
    });
  });

  it('refuses to create a webhook twice, or on the stream of a deleted one', () => {
    const stream = created();
    const create: WebhookCommand = { create: { id: 7, settings, at: createdAt }, context };
    expect(() => when(stream, create)).toThrow();
    const deleted = when(stream, { delete: { at: changedAt }, context });
    expect(() => when(deleted, create)).toThrow();
  });

  it('changes the settings, keeps the replaced secret signing for the overlap, and names the request', () => {
    const change = { settings: { ...settings, secret: 'n3w' }, at: changedAt, secretOverlapMs: HOUR_MS };
    const stream = when(created(), { change, context });
    expect(webhookOf(stream)).toMatchObject({
      secret: 'n3w',
      previous_secret: 's3cr3t',
      secret_rotated_at: changedAt.date,
      previous_secret_expires: new Date(changedAt.date.getTime() + HOUR_MS),
      lastUpdated: changedAt,
      created: createdAt,
      version: 4,
    });
    const envelope = decodeEnvelope({ key: null, value: stream[2].payload, headers: stream[2].headers });
    expect(envelope).toMatchObject({
      ok: true,
      envelope: { event: 'updated', username: 'admin', request_id: context.requestId },
    });
  });

  it('deletes with a tombstone, after which the webhook is gone and cannot be changed', () => {
    const stream = when(created(), { delete: { at: changedAt }, context });
    expect(stream.slice(2).map((event) => [event.type, event.payload === null])).toEqual([
      ['WebhookDeleted', false],
      ['WebhookDefinitionRemoved', true],
    ]);
    expect(stateOf(stream)).toEqual({ status: 'deleted' });
    const change = { settings, at: changedAt, secretOverlapMs: 0 };
    expect(() => when(stream, { change, context })).toThrow(NotFoundError);
    expect(() => when(stream, { delete: { at: changedAt }, context })).toThrow(NotFoundError);
    expect(() => when([], { delete: { at: changedAt }, context })).toThrow(NotFoundError);
  });

  it('disables an enabled webhook with the reason, once: a disabled or deleted one appends nothing', () => {
    const disable: WebhookCommand = { disable: { reason: '410 Gone', at: changedAt }, context };
    const stream = when(created(), disable);
    expect(webhookOf(stream)).toMatchObject({ enabled: false, disabled_reason: '410 Gone' });
    const [, definition] = stream.slice(2);
    const decoded = decodeWebhookDefinition(definition.payload!);
    expect(decoded).toMatchObject({ ok: true, value: { enabled: false, disabled_reason: '410 Gone' } });
    expect(webhookDecider.decide(disable, stateOf(stream))).toEqual([]);
    const deleted = when(created(), { delete: { at: changedAt }, context });
    expect(webhookDecider.decide(disable, stateOf(deleted))).toEqual([]);
    expect(webhookDecider.decide(disable, stateOf([]))).toEqual([]);
  });

  it('clears the system’s disable reason when a client enables the webhook again', () => {
    const disabled = when(created(), { disable: { reason: '410 Gone', at: changedAt }, context });
    const change = { settings: { ...settings, enabled: true }, at: changedAt, secretOverlapMs: 0 };
    expect(webhookOf(when(disabled, { change, context }))).toMatchObject({
      enabled: true,
      disabled_reason: '',
    });
  });
});
