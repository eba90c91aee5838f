import { isEmptyConditions, parseConditionSet } from '@validity/condition-set';
import type { JsonValue } from '@validity/contracts';
import { NetBoxValidationError, validateInput, type FieldErrors } from '@validity/platform/netbox-api';
import type { Webhook } from '../../webhooks/domain/webhook';
import { EventRuleInput, REQUIRED_EVENT_RULE_FIELDS } from '../input/event-rule.input';
import {
  eventRuleName,
  eventTypesOf,
  hasEventRule,
  triggersOf,
  type EventRuleSettings,
  type EventType,
} from './event-rule';

/** Texts of the rules NetBox 4.6 states, and of the ones this system adds (one rule per webhook). */
export const EVENT_RULE_MESSAGES = {
  duplicateName: 'event rule with this name already exists.',
  unknownCustomField: (name: string) => `Unknown field name '${name}' in custom field data.`,
  noWebhook: 'A webhook event rule must name its webhook (action_object_id).',
  unknownWebhook: (id: number) => `Webhook with ID ${id} does not exist.`,
  webhookHasRule: (id: number) =>
    `Webhook ${id} already has an event rule; this system keeps one event rule per webhook (edit that one).`,
  otherWebhook:
    "An event rule stays with its webhook here (its id is the webhook's); delete it and create one for the other webhook.",
} as const;

/** One create or update of an event rule as the client asked for it. */
export interface EventRuleRequest {
  body: unknown;
  /** The webhook whose rule is changed; absent for a create. */
  current?: Webhook;
  partial: boolean;
}

/** The webhook the rule belongs to, and the rule as the settings of that webhook it sets. */
export type ValidatedEventRule =
  { ok: true; webhook: Webhook; rule: EventRuleSettings } | { ok: false; errors: FieldErrors };

/** The rule as fields, whether it came from a body or from a webhook. */
interface RuleState {
  object_types: string[];
  name: string;
  enabled: boolean;
  event_types: EventType[];
  conditions: JsonValue;
  action_object_id: number | null;
  action_data: JsonValue;
  description: string;
}

/**
 * NetBox 4.6's validation of an event rule, in its two stages (fields, then the model's `clean()`), over
 * the webhooks (`webhooks`: all of them, for the unique name and the target). Conditions are checked with
 * the condition language the dispatcher evaluates (NetBox 3.6's). Beyond NetBox: the target must be an
 * existing webhook without another rule, and a rule cannot move to another webhook.
 */
export function validateEventRuleRequest(
  { body, current, partial }: EventRuleRequest,
  webhooks: readonly Webhook[],
): ValidatedEventRule {
  let input: EventRuleInput;
  let errors: Record<string, FieldErrors[string]> = {};
  try {
    input = validateInput(
      EventRuleInput,
      body,
      partial ? { partial: true } : { required: REQUIRED_EVENT_RULE_FIELDS },
    );
  } catch (error) {
    if (!(error instanceof NetBoxValidationError) || Array.isArray(error.errors)) throw error;
    errors = { ...(error.errors as FieldErrors) };
    input = {};
  }
  const name = input.name;
  if (
    name !== undefined &&
    webhooks.some((other) => hasEventRule(other) && other.id !== current?.id && eventRuleName(other) === name)
  ) {
    errors.name = [EVENT_RULE_MESSAGES.duplicateName];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const state = merged(current, input);
  const [unknownField] = Object.keys(input.custom_fields ?? {});
  if (unknownField !== undefined)
    return { ok: false, errors: { __all__: [EVENT_RULE_MESSAGES.unknownCustomField(unknownField)] } };
  if (!isEmptyConditions(state.conditions)) {
    const parsed = parseConditionSet(state.conditions);
    if (!parsed.ok) return { ok: false, errors: { conditions: [parsed.message] } };
  }
  const targetId = state.action_object_id;
  if (targetId === null) return { ok: false, errors: { action_object_id: [EVENT_RULE_MESSAGES.noWebhook] } };
  if (current !== undefined && targetId !== current.id) {
    return { ok: false, errors: { action_object_id: [EVENT_RULE_MESSAGES.otherWebhook] } };
  }
  const webhook = webhooks.find((candidate) => candidate.id === targetId);
  if (webhook === undefined) {
    return { ok: false, errors: { action_object_id: [EVENT_RULE_MESSAGES.unknownWebhook(targetId)] } };
  }
  if (current === undefined && hasEventRule(webhook)) {
    return { ok: false, errors: { action_object_id: [EVENT_RULE_MESSAGES.webhookHasRule(targetId)] } };
  }
  return {
    ok: true,
    webhook,
    rule: {
      content_types: state.object_types,
      ...triggersOf(state.event_types),
      enabled: state.enabled,
      conditions: state.conditions,
      event_rule: { name: state.name, description: state.description, action_data: state.action_data },
    },
  };
}

/** DRF sets only the keys the body carries; the rest keep the rule's values (or NetBox's defaults). */
function merged(current: Webhook | undefined, input: EventRuleInput): RuleState {
  const base: RuleState = current
    ? {
        object_types: [...current.content_types],
        name: eventRuleName(current),
        enabled: current.enabled,
        event_types: eventTypesOf(current),
        conditions: current.conditions,
        action_object_id: current.id,
        action_data: current.event_rule?.action_data ?? null,
        description: current.event_rule?.description ?? '',
      }
    : {
        object_types: [],
        name: '',
        enabled: true,
        event_types: [],
        conditions: null,
        action_object_id: null,
        action_data: null,
        description: '',
      };
  // Validity 3.x's documented script names the webhook as `action_object` (see EventRuleInput).
  const fields: Record<string, unknown> =
    input.action_object_id === undefined && input.action_object !== undefined
      ? { ...input, action_object_id: input.action_object }
      : { ...input };
  const provided = Object.fromEntries(
    (Object.keys(base) as (keyof RuleState)[])
      .filter((key) => fields[key] !== undefined)
      .map((key) => [key, fields[key]]),
  );
  return { ...base, ...provided } as RuleState;
}
