import { netboxResource, schemaRef } from '@validity/platform/netbox-api';
import { EVENT_RULE_OPTIONS } from './event-rule-options';
import { EVENT_RULE, EVENT_RULE_FILTERS } from './event-rule.openapi';

/**
 * `/api/extras/event-rules/` for the NetBox resource kit, with NetBox's bulk updates and deletes (deleting
 * a rule keeps its webhook) and its OPTIONS (`event-rule-options.ts`) on the list and detail routes.
 */
export const EVENT_RULES = netboxResource({
  controller: 'EventRulesController',
  path: 'api/extras/event-rules',
  singular: 'event rule',
  plural: 'event rules',
  representation: EVENT_RULE,
  brief: schemaRef('BriefEventRule'),
  filters: EVENT_RULE_FILTERS,
  documentPostOnDetail: true,
  options: EVENT_RULE_OPTIONS,
  instanceOptions: true,
  writable: 'WritableEventRule',
  patched: 'PatchedWritableEventRule',
  conflicts: true,
  writes: {
    create: { summary: 'Create an event rule for a webhook' },
    replace: {},
    modify: {},
    remove: { summary: 'Delete an event rule (its webhook stays, without triggers)' },
  },
  bulk: {
    replace: { summary: 'Replace several event rules (bulk, each item with its id; all or none)' },
    modify: { summary: 'Change fields of several event rules (bulk, each item with its id; all or none)' },
    remove: { summary: 'Delete several event rules (bulk; their webhooks stay, without triggers)' },
  },
});
