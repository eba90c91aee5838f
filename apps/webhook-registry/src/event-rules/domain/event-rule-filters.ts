import { valuesOf, type QueryParams } from '@validity/platform/netbox-api';
import type { Webhook } from '../../webhooks/domain/webhook';
import { eventRuleName, eventTypesOf } from './event-rule';

type Lookup = (actual: string, wanted: string) => boolean;

/** NetBox's text lookups (`name`, `name__n`, `name__ic`, ...), compared as Django compares them. */
const TEXT_LOOKUPS: Readonly<Record<string, { matches: Lookup; negated: boolean }>> = {
  '': { matches: (actual, wanted) => actual === wanted, negated: false },
  n: { matches: (actual, wanted) => actual === wanted, negated: true },
  ic: { matches: (actual, wanted) => actual.toLowerCase().includes(wanted.toLowerCase()), negated: false },
  nic: { matches: (actual, wanted) => actual.toLowerCase().includes(wanted.toLowerCase()), negated: true },
  ie: { matches: (actual, wanted) => actual.toLowerCase() === wanted.toLowerCase(), negated: false },
  nie: { matches: (actual, wanted) => actual.toLowerCase() === wanted.toLowerCase(), negated: true },
  isw: { matches: (actual, wanted) => actual.toLowerCase().startsWith(wanted.toLowerCase()), negated: false },
  iew: { matches: (actual, wanted) => actual.toLowerCase().endsWith(wanted.toLowerCase()), negated: false },
};

const TEXT_FIELDS: Readonly<Record<string, (webhook: Webhook) => string>> = {
  name: eventRuleName,
  description: (webhook) => webhook.event_rule?.description ?? '',
};

const NUMBER_LOOKUPS: Readonly<Record<string, (actual: number, wanted: number) => boolean>> = {
  '': (actual, wanted) => actual === wanted,
  n: (actual, wanted) => actual !== wanted,
  gt: (actual, wanted) => actual > wanted,
  gte: (actual, wanted) => actual >= wanted,
  lt: (actual, wanted) => actual < wanted,
  lte: (actual, wanted) => actual <= wanted,
};

const TRUE = new Set(['true', 'True', '1']);
const FALSE = new Set(['false', 'False', '0']);

/**
 * NetBox 4.6's `EventRuleFilterSet` over the rules (given as their webhooks): `id`, `name`,
 * `description` with lookups, `enabled`, `object_type` (any of the rule's object types), `event_type`
 * (overlap), `action_type`, `action_object_type`, `action_object_id`, and `q` (name or description,
 * case-insensitive). Several values of one parameter are ORed, parameters ANDed; unknown parameters
 * and unreadable booleans are ignored, as in NetBox. Rules are few (one per webhook), so they are
 * filtered in memory.
 */
export function eventRuleMatches(webhook: Webhook, query: QueryParams): boolean {
  for (const [key, raw] of Object.entries(query)) {
    const values = valuesOf(query, key);
    if (raw === undefined || values.length === 0) continue;
    const [field, lookup = ''] = key.split('__', 2);
    if (field in TEXT_FIELDS && lookup in TEXT_LOOKUPS) {
      const { matches, negated } = TEXT_LOOKUPS[lookup];
      const actual = TEXT_FIELDS[field](webhook);
      const any = values.some((wanted) => matches(actual, wanted));
      if (negated ? any : !any) return false;
    } else if ((field === 'id' || field === 'action_object_id') && lookup in NUMBER_LOOKUPS) {
      const compare = NUMBER_LOOKUPS[lookup];
      const wanted = values.map(Number).filter(Number.isFinite);
      if (wanted.length > 0 && !wanted.some((value) => compare(webhook.id, value))) return false;
    } else if (key === 'enabled') {
      const wanted = values.at(-1)!;
      if (TRUE.has(wanted) && !webhook.enabled) return false;
      if (FALSE.has(wanted) && webhook.enabled) return false;
    } else if (key === 'object_type' || key === 'object_types') {
      const wanted = values.map((value) => value.toLowerCase());
      if (!webhook.content_types.some((type) => wanted.includes(type))) return false;
    } else if (key === 'event_type' || key === 'event_types') {
      const types: readonly string[] = eventTypesOf(webhook);
      if (!values.some((value) => types.includes(value))) return false;
    } else if (key === 'action_type') {
      if (!values.includes('webhook')) return false;
    } else if (key === 'action_object_type') {
      if (!values.some((value) => value.toLowerCase() === 'extras.webhook')) return false;
    } else if (key === 'q') {
      const text = values.at(-1)!.trim().toLowerCase();
      const description = TEXT_FIELDS.description(webhook).toLowerCase();
      if (text !== '' && !eventRuleName(webhook).toLowerCase().includes(text) && !description.includes(text))
        return false;
    }
  }
  return true;
}
