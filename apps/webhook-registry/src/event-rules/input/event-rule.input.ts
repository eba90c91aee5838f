import type { JsonValue } from '@validity/contracts';
import {
  booleanField,
  charField,
  choiceField,
  contentTypesField,
  DRF_MESSAGES,
  DrfField,
  integerField,
  InvalidFieldValue,
  jsonField,
  tagsField,
  type FieldParser,
} from '@validity/platform/netbox-api';
import { webhookCustomFieldsField } from '../../webhooks/input/webhook.input';
import { EVENT_RULE_OBJECT_TYPES } from '../../webhooks/domain/webhook';
import { EVENT_TYPES, type EventType } from '../domain/event-rule';

/** Keys a create or full update must carry (NetBox 4.6's serializer: required model fields). */
export const REQUIRED_EVENT_RULE_FIELDS = [
  'object_types',
  'name',
  'event_types',
  'action_type',
  'action_object_type',
] as const;

/** The action types this system runs: webhooks (NetBox's `script` and `notification` have no runner here). */
export const EVENT_RULE_ACTION_TYPES = ['webhook'] as const;

/** NetBox's `ContentTypeField` for `action_object_type`: here always the webhook model. */
export const ACTION_OBJECT_TYPES = ['extras.webhook'] as const;

export const parseEventRuleName = charField({ maxLength: 150 });

/**
 * DRF's `ListField(child=ChoiceField)` for the ArrayField `event_types`: a non-empty list of registered
 * event types. The first bad item is reported as a flat message (DRF keys it by the item's index).
 */
const eventTypesField: FieldParser<EventType[]> = (raw) => {
  if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
  if (!Array.isArray(raw)) return new InvalidFieldValue(DRF_MESSAGES.notAList(raw));
  if (raw.length === 0) return new InvalidFieldValue('This list may not be empty.');
  for (const item of raw) {
    if (typeof item !== 'string' || !(EVENT_TYPES as readonly string[]).includes(item)) {
      return new InvalidFieldValue(DRF_MESSAGES.invalidChoice(item));
    }
  }
  return [...new Set(raw as EventType[])];
};

/** `action_object_type` as NetBox's ContentTypeField reads one `<app_label>.<model>`. */
const actionObjectTypeField: FieldParser<string> = (raw) => {
  if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
  if (typeof raw !== 'string' || raw.split('.').length !== 2) {
    return new InvalidFieldValue("Invalid value. Specify a content type as '<app_label>.<model_name>'.");
  }
  if (!(ACTION_OBJECT_TYPES as readonly string[]).includes(raw))
    return new InvalidFieldValue(`Invalid content type: ${raw}`);
  return raw;
};

/** DRF's ChoiceField for `action_type`, which also takes NetBox's `{value, label}` output form back. */
const actionTypeField: FieldParser<string> = (raw) => {
  const value =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'value' in raw
      ? (raw as { value: unknown }).value
      : raw;
  return choiceField(EVENT_RULE_ACTION_TYPES)(value);
};

/**
 * `action_object` as Validity 3.x's documented script sends it (`action_object=webhook.id`): a webhook id,
 * or a webhook representation with its `id`. Read-only in NetBox, which ignores it and so stores a rule
 * without a webhook; here it names the webhook when `action_object_id` is absent, so that script works.
 */
const actionObjectField: FieldParser<number> = (raw) => {
  const id =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { id?: unknown }).id : raw;
  const parsed = integerField({ min: 0, max: Number.MAX_SAFE_INTEGER })(id);
  return parsed instanceof InvalidFieldValue || parsed === null
    ? new InvalidFieldValue(DRF_MESSAGES.notAnInteger)
    : parsed;
};

/**
 * Body of POST/PUT/PATCH `/api/extras/event-rules/`: NetBox 4.6 EventRuleSerializer's writable fields,
 * each parsed as DRF does, plus `action_object` as an alias of `action_object_id` (see
 * `actionObjectField`).
 */
export class EventRuleInput {
  @DrfField(contentTypesField(EVENT_RULE_OBJECT_TYPES))
  object_types?: string[];

  @DrfField(parseEventRuleName)
  name?: string;

  @DrfField(booleanField)
  enabled?: boolean;

  @DrfField(eventTypesField)
  event_types?: EventType[];

  @DrfField(jsonField)
  conditions?: JsonValue;

  @DrfField(actionTypeField)
  action_type?: string;

  @DrfField(actionObjectTypeField)
  action_object_type?: string;

  @DrfField(integerField({ min: 0, max: Number.MAX_SAFE_INTEGER, allowNull: true }))
  action_object_id?: number | null;

  @DrfField(actionObjectField)
  action_object?: number;

  @DrfField(jsonField)
  action_data?: JsonValue;

  @DrfField(charField({ maxLength: 200, allowBlank: true }))
  description?: string;

  @DrfField(webhookCustomFieldsField)
  custom_fields?: Record<string, unknown>;

  @DrfField(tagsField)
  tags?: never[];
}
