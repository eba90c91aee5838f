import { pythonClass } from '@validity/contracts';
import type { Condition, ConditionSet, ParseResult } from './condition-set';
import { compilePythonRegex } from './compile-python-regex';
import { InvalidConditionSetError } from './invalid-condition-set.error';
import { nestingDepthExceeds } from './nesting-depth';
import type { NetBoxCondition } from './read-netbox-condition';
import { type NetBoxRuleset, notAList, readNetBoxRuleset } from './read-netbox-ruleset';

/**
 * How deep lists and dicts may nest in `conditions` (a nested set costs two levels). Far beyond any
 * real rule; NetBox itself fails with a recursion error somewhere below 1,000.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Parses `conditions` as NetBox 3.6's `ConditionSet(ruleset)` does, in two passes:
 *
 * 1. NetBox's own checks, in its order, so every input it answers with a 400 gets its exact message;
 *    where it crashes with a 500 instead, a message of ours (see `readNetBoxRuleset`).
 * 2. What NetBox saves but then fails on at every delivery, or reads surprisingly: `and`/`or` holding
 *    `{}` or `""` (no rules), an `attr` that is not a string, a `negate` that is not a boolean (NetBox
 *    uses its truthiness, so `"false"` negates), a regex Python cannot compile or we cannot translate.
 *    Checked only after pass 1 succeeded, so these never hide one of NetBox's messages.
 *
 * Check `isEmptyConditions` first: NetBox only parses truthy conditions, and `{}` is an error here.
 * The input is expected to be a `JSON.parse` result.
 */
export function parseConditionSet(input: unknown): ParseResult {
  if (nestingDepthExceeds(input, MAX_NESTING_DEPTH)) {
    return {
      ok: false,
      message: `Conditions are nested too deeply: at most ${MAX_NESTING_DEPTH} levels of lists and dictionaries are allowed.`,
    };
  }
  try {
    return { ok: true, conditionSet: checkedRuleset(readNetBoxRuleset(input)) };
  } catch (error) {
    if (error instanceof InvalidConditionSetError) return { ok: false, message: error.message };
    throw error;
  }
}

function checkedRuleset({ logic, listed, rules }: NetBoxRuleset): ConditionSet {
  if (!Array.isArray(listed)) throw notAList(logic, listed);
  return {
    logic,
    rules: rules.map((rule) => ('logic' in rule ? checkedRuleset(rule) : checkedCondition(rule))),
  };
}

function checkedCondition({ attr, op, value, negate }: NetBoxCondition): Condition {
  if (typeof attr !== 'string') {
    throw new InvalidConditionSetError(`Condition attr must be a string, not ${pythonClass(attr)}.`);
  }
  if (typeof negate !== 'boolean') {
    throw new InvalidConditionSetError(`Condition negate must be a boolean, not ${pythonClass(negate)}.`);
  }
  if (op === 'regex') {
    const compiled = compilePythonRegex(value as string);
    if (!compiled.ok) throw new InvalidConditionSetError(compiled.message);
  }
  return { attr, op, value, negate };
}
