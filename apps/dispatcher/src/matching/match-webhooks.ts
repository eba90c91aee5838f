import { evaluateConditionSet } from '@validity/condition-set';
import {
  type EnvelopeEvent,
  type JobEvent,
  type JsonObject,
  type NetBoxEnvelope,
  type WebhookDefinition,
} from '@validity/contracts';
import type { ViewedWebhook } from '../webhook-view/webhook-view';

export interface MatchableEvent {
  event: NetBoxEnvelope['event'];
  /** `<app_label>.<model>`, e.g. `validity.compliancereport`. */
  objectType: string;
  data: JsonObject;
  /**
   * When the event entered the platform, in epoch milliseconds: its Kafka record's timestamp (the time
   * the reports service stored it, or the hub received it). Left out, every webhook in the view is a
   * candidate.
   */
  enteredAtMs?: number;
}

/** A webhook the event goes to; `conditionError` set means its conditions could not be evaluated. */
export interface WebhookMatch {
  webhookId: number;
  conditionError: string | null;
  /**
   * Issue 18: set when the system disabled the webhook (410 Gone, failing too long): the event is
   * recorded as a skipped delivery with this reason, for `recover` to replay once it is enabled again.
   */
  skippedBecause?: string;
}

/** NetBox 3.6's trigger flag of each event; a 4.6 rule's `job_completed/failed/errored` is `type_job_end`. */
const EVENT_FLAGS = {
  created: 'type_create',
  updated: 'type_update',
  deleted: 'type_delete',
  job_started: 'type_job_start',
  job_ended: 'type_job_end',
} as const satisfies Record<EnvelopeEvent | JobEvent, string>;

function isFlaggedEvent(event: string): event is keyof typeof EVENT_FLAGS {
  return Object.hasOwn(EVENT_FLAGS, event);
}

/**
 * Whether events of this object type and kind reach the webhook before its conditions are looked at:
 * it is enabled (or was disabled by the system, whose events are recorded as skipped), names the object
 * type in `content_types`, and has the event's `type_<event>` flag set.
 */
export function takesEventsOf(definition: WebhookDefinition, objectType: string, event: string): boolean {
  if (!definition.enabled && !definition.disabled_reason) return false;
  // Operational events (issue 18) go to every webhook naming their content type: the type_* flags
  // name NetBox's object events, and an operator subscribing to pages wants all of them.
  if (isFlaggedEvent(event) && !definition[EVENT_FLAGS[event]]) return false;
  return definition.content_types.includes(objectType);
}

/**
 * NetBox's selection, made when the event happened: the webhook existed by then (a webhook saved after
 * the event does not get it, however late the dispatcher reads the event), it is enabled, its `type_<event>` flag is set, the object type is in its
 * `content_types`, and its conditions hold for the event's `data`. A condition that cannot be evaluated
 * (NetBox 3.6 fails the job there) still yields a match, carrying the error, so the delivery is
 * recorded as failed with the reason rather than silently skipped.
 */
export function matchWebhooks(candidates: readonly ViewedWebhook[], event: MatchableEvent): WebhookMatch[] {
  const matches: WebhookMatch[] = [];
  for (const { definition, conditions, createdMs } of candidates) {
    if (event.enteredAtMs !== undefined && createdMs > event.enteredAtMs) continue;
    if (!takesEventsOf(definition, event.objectType, event.event)) continue;
    const skippedBecause = definition.enabled ? undefined : definition.disabled_reason;
    const found = (conditionError: string | null): WebhookMatch =>
      skippedBecause
        ? { webhookId: definition.id, conditionError, skippedBecause }
        : { webhookId: definition.id, conditionError };
    if (conditions.kind === 'always') {
      matches.push(found(null));
    } else if (conditions.kind === 'invalid') {
      matches.push(found(`invalid conditions: ${conditions.message}`));
    } else {
      const result = evaluateConditionSet(conditions.conditionSet, event.data);
      if (!result.ok) matches.push(found(`condition error: ${result.error}`));
      else if (result.matched) matches.push(found(null));
    }
  }
  return matches;
}
