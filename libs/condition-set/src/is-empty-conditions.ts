import { pythonTruthy } from '@validity/contracts';

/**
 * Whether `conditions` is falsy in Python, which NetBox 3.6 reads as "no conditions": it validates them
 * on save only `if self.conditions`, and its worker fires the webhook without evaluating anything when
 * they are falsy. Falsy: `null` (or absent), `false`, `0`, `""`, `[]`, `{}`.
 *
 * Call this first: `parseConditionSet({})` is an error, exactly as `ConditionSet({})` is in NetBox.
 */
export function isEmptyConditions(value: unknown): boolean {
  return !pythonTruthy(value);
}
