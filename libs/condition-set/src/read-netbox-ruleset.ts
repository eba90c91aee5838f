import { isPythonDict, pythonClass } from '@validity/contracts';
import type { Logic } from './condition-set';
import { LOGIC_TYPES } from './condition-set';
import { InvalidConditionSetError } from './invalid-condition-set.error';
import { type NetBoxCondition, readNetBoxCondition } from './read-netbox-condition';

/** A condition set as NetBox 3.6 stores it; `listed` is what the client sent under `and`/`or`. */
export interface NetBoxRuleset {
  logic: Logic;
  listed: unknown;
  rules: readonly (NetBoxRuleset | NetBoxCondition)[];
}

/**
 * NetBox 3.6's `ConditionSet(ruleset)`, with its messages, in its order (depth first, left to right).
 *
 * Where NetBox crashes (HTTP 500), this throws a message of ours at the same point: an upper-case
 * `"AND"` (which passes NetBox's lower-cased check, then fails the lookup), an `and`/`or` value it
 * cannot iterate as rules, and the condition cases of `readNetBoxCondition`.
 */
export function readNetBoxRuleset(ruleset: unknown): NetBoxRuleset {
  if (!isPythonDict(ruleset)) throw invalid(`Ruleset must be a dictionary, not ${pythonClass(ruleset)}.`);
  const keys = Object.keys(ruleset);
  if (keys.length !== 1) {
    throw invalid(`Ruleset must have exactly one logical operator (found ${keys.length})`);
  }
  const [logic] = keys as [string];
  if (!isLogic(logic)) throw invalid(`Invalid logic type: ${logic} (must be 'and' or 'or')`);
  const listed = ruleset[logic];
  return { logic, listed, rules: iteratedRules(logic, listed).map(readRule) };
}

/**
 * Python iterates whatever `and`/`or` holds: an empty dict or string is no rules at all; a non-empty
 * one yields keys or characters, which are not rules, and anything else is not iterable.
 */
function iteratedRules(logic: Logic, listed: unknown): readonly unknown[] {
  if (Array.isArray(listed)) return listed;
  if (listed === '' || (isPythonDict(listed) && Object.keys(listed).length === 0)) return [];
  throw notAList(logic, listed);
}

/**
 * NetBox treats an element as a nested set only when it is a dict whose single key is exactly `and` or
 * `or`; `{"AND": [...]}` would be a condition with an unknown key. Reporting the logic type is clearer.
 */
function readRule(rule: unknown): NetBoxRuleset | NetBoxCondition {
  const keys = isPythonDict(rule) ? Object.keys(rule) : [];
  if (keys.length === 1 && isLogic(keys[0]?.toLowerCase())) return readNetBoxRuleset(rule);
  return readNetBoxCondition(rule);
}

function isLogic(key: string | undefined): key is Logic {
  return LOGIC_TYPES.some((logic) => logic === key);
}

export function notAList(logic: Logic, listed: unknown): InvalidConditionSetError {
  return invalid(`Value of '${logic}' must be a list, not ${pythonClass(listed)}.`);
}

function invalid(message: string): InvalidConditionSetError {
  return new InvalidConditionSetError(message);
}
