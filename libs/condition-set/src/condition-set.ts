/**
 * The NetBox 3.6 conditions language (`netbox/extras/conditions.py` @ v3.6.9), as parsed data.
 *
 * A condition set is the JSON object `{"and": [...]}` or `{"or": [...]}`; each element is a condition or a
 * nested set. Parsing normalises the defaults (`op` = `eq`, `negate` = false) so evaluation never has to.
 */

/** Operators in NetBox's order, which is also the order its "Unknown operator" message lists them in. */
export const OPERATORS = ['eq', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'regex'] as const;
export type Operator = (typeof OPERATORS)[number];

export const LOGIC_TYPES = ['and', 'or'] as const;
export type Logic = (typeof LOGIC_TYPES)[number];

/**
 * What `value` may hold once parsed: the JSON types NetBox's type matrix accepts (never an object). A
 * list may contain any JSON, objects included (`{"op": "in", "value": [{"a": 1}]}` is valid).
 */
export type ConditionValue = null | boolean | number | string | readonly unknown[];

export interface Condition {
  /** Dot path into the event's `data`, e.g. `status.value` or `tags.slug`. */
  readonly attr: string;
  readonly op: Operator;
  readonly value: ConditionValue;
  readonly negate: boolean;
}

export interface ConditionSet {
  readonly logic: Logic;
  readonly rules: readonly Rule[];
}

export type Rule = Condition | ConditionSet;

/** `message` is what the API puts under `{"conditions": [message]}` in its 400. */
export type ParseResult = { ok: true; conditionSet: ConditionSet } | { ok: false; message: string };

/** `error` names the condition's attr; the dispatcher records it as a "condition error" for the delivery. */
export type EvaluationResult = { ok: true; matched: boolean } | { ok: false; error: string };

export function isConditionSet(rule: Rule): rule is ConditionSet {
  return 'logic' in rule;
}
