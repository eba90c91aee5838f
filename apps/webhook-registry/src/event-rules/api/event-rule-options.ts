import { EVENT_RULE_OBJECT_TYPES } from '../../webhooks/domain/webhook';
import { CHANGE_LOGGED_OPTIONS, type OptionsMetadataSpec } from '@validity/platform/netbox-api';
import { EVENT_TYPES } from '../domain/event-rule';

/** NetBox 4.6's labels of its core event types. */
const EVENT_TYPE_LABELS: Readonly<Record<(typeof EVENT_TYPES)[number], string>> = {
  object_created: 'Object created',
  object_updated: 'Object updated',
  object_deleted: 'Object deleted',
  job_started: 'Job started',
  job_completed: 'Job completed',
  job_failed: 'Job failed',
  job_errored: 'Job errored',
};

/** NetBox 4.6's DRF metadata of the event rule serializer; the choices pynetbox's `choices()` reads. */
export const EVENT_RULE_OPTIONS: OptionsMetadataSpec = {
  name: 'Event Rule List',
  fields: {
    id: { type: 'integer', read_only: true, label: 'ID' },
    url: { type: 'field', read_only: true, label: 'Url' },
    display_url: { type: 'field', read_only: true, label: 'Display url' },
    display: { type: 'field', read_only: true, label: 'Display' },
    object_types: {
      type: 'field',
      required: true,
      label: 'Object types',
      help_text: `The object(s) to which this rule applies (${[...EVENT_RULE_OBJECT_TYPES].length} types).`,
    },
    name: { type: 'string', required: true, label: 'Name', max_length: 150 },
    enabled: { type: 'boolean', label: 'Enabled' },
    event_types: {
      type: 'list',
      required: true,
      label: 'Event types',
      help_text: 'The types of event which will trigger this rule.',
      choices: EVENT_TYPES.map((type) => ({ value: type, display_name: EVENT_TYPE_LABELS[type] })),
    },
    conditions: {
      type: 'field',
      label: 'Conditions',
      help_text: 'A set of conditions which determine whether the event will be generated.',
    },
    action_type: {
      type: 'choice',
      required: true,
      label: 'Action type',
      choices: [{ value: 'webhook', display_name: 'Webhook' }],
    },
    action_object_type: { type: 'field', required: true, label: 'Action object type' },
    action_object_id: { type: 'integer', label: 'Action object ID' },
    action_object: { type: 'field', read_only: true, label: 'Action object' },
    action_data: {
      type: 'field',
      label: 'Data',
      help_text: 'Parameters to pass to the action.',
    },
    description: { type: 'string', label: 'Description', max_length: 200 },
    custom_fields: { type: 'field', label: 'Custom fields' },
    owner: { type: 'field', read_only: true, label: 'Owner' },
    tags: { type: 'field', label: 'Tags' },
    ...CHANGE_LOGGED_OPTIONS,
  },
};
