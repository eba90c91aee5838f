import type { PreciseTime } from '@validity/contracts';
import { decideOnStream, foldStream, type StoredEvent } from '@validity/platform/event-store';
import { NetBoxValidationError, NotFoundError } from '@validity/platform/netbox-api';
import { DEFAULT_SETTINGS } from '../../webhooks/domain/webhook';
import { webhookDecider } from '../../webhooks/domain/webhook.decider';
import { noEventRule, triggersOf, type EventRuleSettings } from './event-rule';
import { eventRuleDecider, type EventRuleCommand } from './event-rule.decider';

const context = { username: 'admin', requestId: 'fc577b60-3f63-4402-8661-547adfefdd87' };
const createdAt: PreciseTime = { date: new Date('2023-04-12T19:30:02.118Z'), micros: 118204 };
const at: PreciseTime = { date: new Date('2023-04-12T19:40:00.500Z'), micros: 500001 };

const rule: EventRuleSettings = {
  content_types: ['validity.compliancereport'],
  ...triggersOf(['object_created', 'job_failed']),
  enabled: true,
  conditions: { and: [{ attr: 'total_passed', value: 0, op: 'gt' }] },
  event_rule: { name: 'failed runs', description: 'page the team', action_data: { team: 'core' } },
};

const when = (history: readonly StoredEvent[], command: EventRuleCommand): StoredEvent[] =>
  decideOnStream(eventRuleDecider, history, command, 'webhook-7');
const webhookOf = (history: readonly StoredEvent[]) => {
  const { state } = foldStream(history, eventRuleDecider);
  if (state.status !== 'live') throw new Error(`no webhook: ${state.status}`);
  return state.webhook;
};

/**
 * A 4.6 webhook: created without triggers, so without a rule; its secret rotated at creation with a
 * minute's overlap, which is over by `at` (a client's change at `at` would forget the old secret).
 */
const aWebhookWithoutRule = (): StoredEvent[] => {
  const settings = {
    ...DEFAULT_SETTINGS,
    content_types: [],
    name: 'hook',
    payload_url: 'http://r.example/',
    secret: 's1',
  };
  const created = decideOnStream(
    webhookDecider,
    [],
    { create: { id: 7, settings, at: createdAt }, context },
    'webhook-7',
  );
  const change = { settings: { ...settings, secret: 's2' }, at: createdAt, secretOverlapMs: 60_000 };
  return decideOnStream(webhookDecider, created, { change, context });
};

describe('an event rule on its webhook’s stream (given events, when a command, then events)', () => {
  it('creates the rule as an update of its webhook, leaving the rest of the webhook as it was', () => {
    const before = webhookOf(aWebhookWithoutRule());
    const stream = when(aWebhookWithoutRule(), { create: rule, at, context });
    expect(stream.slice(-2).map((event) => event.type)).toEqual([
      'WebhookUpdated',
      'WebhookDefinitionChanged',
    ]);
    expect(webhookOf(stream)).toEqual({ ...before, ...rule, lastUpdated: at, version: 6 });
  });

  it('refuses a second rule for a webhook, with the message validation gives', () => {
    const stream = when(aWebhookWithoutRule(), { create: rule, at, context });
    expect(() => when(stream, { create: rule, at, context })).toThrow(NetBoxValidationError);
  });

  it('updates and deletes only a rule that exists; a deleted rule leaves the webhook without triggers', () => {
    expect(() => when(aWebhookWithoutRule(), { update: rule, at, context })).toThrow(NotFoundError);
    expect(() => when(aWebhookWithoutRule(), { delete: true, at, context })).toThrow(NotFoundError);
    const withRule = when(aWebhookWithoutRule(), { create: rule, at, context });
    const renamed = { ...rule, event_rule: { ...rule.event_rule!, name: 'renamed' } };
    expect(webhookOf(when(withRule, { update: renamed, at, context }))).toMatchObject(renamed);
    const deleted = when(withRule, { delete: true, at, context });
    expect(webhookOf(deleted)).toMatchObject({ ...noEventRule(), secret: 's2', previous_secret: 's1' });
    expect(() => when(deleted, { delete: true, at, context })).toThrow(NotFoundError);
  });

  it('leaves the delivery state as it is, where a client change would forget an expired old secret', () => {
    const before = webhookOf(aWebhookWithoutRule());
    expect(before.previous_secret).toBe('s1');
    const after = webhookOf(when(aWebhookWithoutRule(), { create: rule, at, context }));
    expect(after).toMatchObject({
      previous_secret: 's1',
      secret_rotated_at: before.secret_rotated_at,
      previous_secret_expires: before.previous_secret_expires,
    });
  });

  it('refuses any rule command on a webhook that does not exist', () => {
    expect(() => when([], { create: rule, at, context })).toThrow(NotFoundError);
  });
});
