import { restDateTime, type JsonObject } from '@validity/contracts';
import type { Webhook, WebhookSettings } from '../../webhooks/domain/webhook';
import { briefWebhook46Representation } from '../../webhooks/domain/webhook-46-representation';

/** NetBox 4.6's core event types, in its registry's order (`netbox/core/events.py`). */
export const EVENT_TYPES = [
  'object_created',
  'object_updated',
  'object_deleted',
  'job_started',
  'job_completed',
  'job_failed',
  'job_errored',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The job termination events NetBox 4.1's migration 0120 made of 3.x's `type_job_end`. */
const JOB_END_TYPES: readonly EventType[] = ['job_completed', 'job_failed', 'job_errored'];

type Triggers = Pick<
  WebhookSettings,
  'type_create' | 'type_update' | 'type_delete' | 'type_job_start' | 'type_job_end'
>;

/** The settings of its webhook an event rule is: what its triggers are, and the rule's own fields. */
export type EventRuleSettings = Triggers &
  Pick<WebhookSettings, 'content_types' | 'enabled' | 'conditions' | 'event_rule'>;

/**
 * A webhook has an event rule when one was written for it (`event_rule`), or when its 3.6 trigger flags
 * make one (NetBox 3.7's migration 0101 made one rule of every webhook). The rule's id is the webhook's:
 * one rule per webhook, which is what that migration left and what Validity's documented script makes.
 */
export function hasEventRule(webhook: WebhookSettings): boolean {
  return (
    webhook.event_rule !== null ||
    webhook.type_create ||
    webhook.type_update ||
    webhook.type_delete ||
    webhook.type_job_start ||
    webhook.type_job_end
  );
}

/**
 * The 4.6 event types of a webhook's flags. `type_job_end` stands for all three job termination events
 * (NetBox 3.x's payload calls each of them `job_ended`, and so does 4.x's), so a rule saved with only
 * `job_failed` reads back with all three.
 */
export function eventTypesOf(triggers: Triggers): EventType[] {
  return EVENT_TYPES.filter((type) => {
    switch (type) {
      case 'object_created':
        return triggers.type_create;
      case 'object_updated':
        return triggers.type_update;
      case 'object_deleted':
        return triggers.type_delete;
      case 'job_started':
        return triggers.type_job_start;
      default:
        return triggers.type_job_end;
    }
  });
}

/** The 3.6 flags that store a list of 4.6 event types. */
export function triggersOf(eventTypes: readonly EventType[]): Triggers {
  return {
    type_create: eventTypes.includes('object_created'),
    type_update: eventTypes.includes('object_updated'),
    type_delete: eventTypes.includes('object_deleted'),
    type_job_start: eventTypes.includes('job_started'),
    type_job_end: eventTypes.some((type) => JOB_END_TYPES.includes(type)),
  };
}

/** A rule made from 3.6 flags is named after its webhook, as NetBox 3.7's migration 0101 named them. */
export function eventRuleName(webhook: WebhookSettings): string {
  return webhook.event_rule?.name ?? webhook.name;
}

export function eventRulePath(id: number): string {
  return `/api/extras/event-rules/${id}/`;
}

/**
 * NetBox 4.6's EventRuleSerializer output, in its key order, for the rule of a webhook (which must have
 * one): the webhook's triggers as `object_types`, `event_types`, `enabled`, `conditions`; the action is
 * always that webhook. `owner` is always null and there are no custom fields or tags.
 */
export function eventRuleRepresentation(webhook: Webhook, urlFor: (path: string) => string): JsonObject {
  return {
    id: webhook.id,
    url: urlFor(eventRulePath(webhook.id)),
    display_url: urlFor(`/extras/event-rules/${webhook.id}/`),
    display: eventRuleName(webhook),
    object_types: [...webhook.content_types],
    name: eventRuleName(webhook),
    enabled: webhook.enabled,
    event_types: eventTypesOf(webhook),
    conditions: webhook.conditions,
    action_type: { value: 'webhook', label: 'Webhook' },
    action_object_type: 'extras.webhook',
    action_object_id: webhook.id,
    action_object: briefWebhook46Representation(webhook, urlFor),
    action_data: webhook.event_rule?.action_data ?? null,
    description: webhook.event_rule?.description ?? '',
    custom_fields: {},
    owner: null,
    tags: [],
    created: restDateTime(webhook.created.date, webhook.created.micros),
    last_updated: restDateTime(webhook.lastUpdated.date, webhook.lastUpdated.micros),
  };
}

/** `?brief=1`: NetBox 4.x's brief fields, `id, url, display, name, description`. */
export function briefEventRuleRepresentation(webhook: Webhook, urlFor: (path: string) => string): JsonObject {
  return {
    id: webhook.id,
    url: urlFor(eventRulePath(webhook.id)),
    display: eventRuleName(webhook),
    name: eventRuleName(webhook),
    description: webhook.event_rule?.description ?? '',
  };
}

/** The rule settings of a webhook without a rule: no triggers, nothing of the rule kept. */
export function noEventRule(): EventRuleSettings {
  return {
    content_types: [],
    ...triggersOf([]),
    enabled: true,
    conditions: null,
    event_rule: null,
  };
}
