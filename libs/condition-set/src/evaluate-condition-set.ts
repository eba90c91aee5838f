import type { ConditionSet, EvaluationResult, Rule } from './condition-set';
import { isConditionSet } from './condition-set';
import { ConditionEvaluationError } from './condition-evaluation.error';
import { evaluateCondition } from './evaluate-condition';

/**
 * Whether an event's `data` satisfies a set from `parseConditionSet`, as NetBox 3.6's
 * `ConditionSet.eval` decides: `and` is Python's `all` (an empty list is true), `or` is `any` (empty is
 * false), both short-circuit left to right, so a condition after the deciding one is never evaluated and
 * cannot fail.
 *
 * Never throws. Where NetBox's job would fail (e.g. `gt` on a null attribute) the result is
 * `{ ok: false, error }`; the dispatcher records a condition error for that delivery.
 */
export function evaluateConditionSet(conditionSet: ConditionSet, data: unknown): EvaluationResult {
  try {
    return { ok: true, matched: evaluateSet(conditionSet, data) };
  } catch (error) {
    if (error instanceof ConditionEvaluationError) return { ok: false, error: error.message };
    // `data` may be any JavaScript value (a throwing getter, a proxy), and a hand-built set may be
    // cyclic; whatever else goes wrong, the dispatcher still gets a result.
    return {
      ok: false,
      error: `Condition evaluation failed: ${error instanceof Error ? error.message : typeof error}`,
    };
  }
}

function evaluateSet(conditionSet: ConditionSet, data: unknown): boolean {
  const matches = (rule: Rule): boolean =>
    isConditionSet(rule) ? evaluateSet(rule, data) : evaluateCondition(rule, data);
  return conditionSet.logic === 'or' ? conditionSet.rules.some(matches) : conditionSet.rules.every(matches);
}
