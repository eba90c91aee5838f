/** Thrown inside evaluation and returned by `evaluateConditionSet` as `{ ok: false, error }`. */
export class ConditionEvaluationError extends Error {
  override readonly name = 'ConditionEvaluationError';
}
