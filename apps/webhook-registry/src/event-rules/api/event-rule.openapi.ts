import type { SchemaObject } from '@nestjs/swagger';
import {
  ABSOLUTE_URL,
  ANY_JSON,
  CHANGE_LOGGED,
  CUSTOM_FIELDS,
  exactObject,
  filterQuery,
  netboxObject,
  NO_CUSTOM_FIELDS,
  NO_OWNER,
  NO_TAGS,
  OBJECT_ID,
  schemaRef,
  writableSchemas,
  type QueryParameter,
} from '@validity/platform/netbox-api';
import { EVENT_RULE_OBJECT_TYPES } from '../../webhooks/domain/webhook';
import { EVENT_TYPES } from '../domain/event-rule';
import {
  ACTION_OBJECT_TYPES,
  EVENT_RULE_ACTION_TYPES,
  REQUIRED_EVENT_RULE_FIELDS,
} from '../input/event-rule.input';

const OBJECT_TYPES: SchemaObject = {
  type: 'array',
  items: { type: 'string', enum: [...EVENT_RULE_OBJECT_TYPES] },
};
const EVENT_TYPE_LIST: SchemaObject = { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES] } };

/** The writable fields as `EventRuleInput` reads them; unknown and read-only keys are ignored. */
const WRITABLE_EVENT_RULE_FIELDS: Record<string, SchemaObject> = {
  object_types: OBJECT_TYPES,
  name: { type: 'string', minLength: 1, maxLength: 150 },
  enabled: { type: 'boolean' },
  event_types: { ...EVENT_TYPE_LIST, minItems: 1 },
  conditions: { ...ANY_JSON, description: 'NetBox ConditionSet, or null for none' },
  action_type: { type: 'string', enum: [...EVENT_RULE_ACTION_TYPES] },
  action_object_type: { type: 'string', enum: [...ACTION_OBJECT_TYPES] },
  action_object_id: { type: 'integer', minimum: 0, nullable: true, description: 'The webhook' },
  action_data: { ...ANY_JSON, description: "Merged into the delivered body's data (4.6 mode)" },
  description: { type: 'string', maxLength: 200 },
  custom_fields: CUSTOM_FIELDS,
  tags: NO_TAGS,
};

/** `eventRuleRepresentation` and `briefEventRuleRepresentation` exactly, and the bodies the routes read. */
export const EVENT_RULE_SCHEMAS: Record<string, SchemaObject> = {
  EventRule: exactObject({
    id: OBJECT_ID,
    url: ABSOLUTE_URL,
    display_url: ABSOLUTE_URL,
    display: { type: 'string' },
    object_types: OBJECT_TYPES,
    name: { type: 'string' },
    enabled: { type: 'boolean' },
    event_types: EVENT_TYPE_LIST,
    conditions: ANY_JSON,
    action_type: exactObject({
      value: { type: 'string', enum: [...EVENT_RULE_ACTION_TYPES] },
      label: { type: 'string' },
    }),
    action_object_type: { type: 'string', enum: [...ACTION_OBJECT_TYPES] },
    action_object_id: OBJECT_ID,
    action_object: schemaRef('BriefWebhook46'),
    action_data: ANY_JSON,
    description: { type: 'string' },
    custom_fields: NO_CUSTOM_FIELDS,
    owner: NO_OWNER,
    tags: NO_TAGS,
    ...CHANGE_LOGGED,
  }),
  BriefEventRule: netboxObject({ name: { type: 'string' }, description: { type: 'string' } }),
  ...writableSchemas('EventRule', WRITABLE_EVENT_RULE_FIELDS, REQUIRED_EVENT_RULE_FIELDS, { bulk: true }),
};

export const EVENT_RULE = schemaRef('EventRule');
/** `eventRuleMatches`' parameters (text lookups such as `name__ic` not listed). */
export const EVENT_RULE_FILTERS: readonly QueryParameter[] = [
  filterQuery('name'),
  filterQuery('description'),
  filterQuery('enabled', { type: 'boolean' }),
  filterQuery('object_type'),
  filterQuery('event_type', { type: 'string', enum: [...EVENT_TYPES] }),
  filterQuery('action_type'),
  filterQuery('action_object_type'),
  filterQuery('action_object_id', { type: 'integer' }),
  filterQuery('q'),
];
