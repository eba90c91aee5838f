import { listOf, netboxResource, schemaRef } from '@validity/platform/netbox-api';
import { EVENT_RULE, EVENT_RULE_FILTERS } from './event-rule.openapi';

/**
 * `/api/extras/event-rules/` for the NetBox resource kit. Its OPTIONS answers stay in
 * `event-rule-options.ts` (list and detail); the bulk routes' operations are declared here too.
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
  writable: 'WritableEventRule',
  patched: 'PatchedWritableEventRule',
  conflicts: true,
});

/** A bulk write names existing rules by id: an unknown one is skipped, never a 404. */
const BULK_WRITE_ERRORS = [400, 403, 409, 413, 415] as const;

/** Bulk writes on the list route, each item with its id, all or none; deleting a rule keeps its webhook. */
export const EVENT_RULES_BULK = {
  create: EVENT_RULES.create({ summary: 'Create an event rule for a webhook' }),
  replace: EVENT_RULES.replace({
    summary: 'Replace several event rules (bulk, each item with its id; all or none)',
    body: listOf(schemaRef('BulkWritableEventRule')),
    success: { status: 200, schema: listOf(EVENT_RULE) },
    errors: BULK_WRITE_ERRORS,
  }),
  modify: EVENT_RULES.modify({
    summary: 'Change fields of several event rules (bulk, each item with its id; all or none)',
    body: listOf(schemaRef('PatchedBulkWritableEventRule')),
    success: { status: 200, schema: listOf(EVENT_RULE) },
    errors: BULK_WRITE_ERRORS,
  }),
  remove: EVENT_RULES.remove({
    summary: 'Delete several event rules (bulk; their webhooks stay, without triggers)',
    body: listOf(schemaRef('BulkEventRuleId')),
    errors: BULK_WRITE_ERRORS,
  }),
};
