/** Thrown inside the parser and returned by `parseConditionSet` as `{ ok: false, message }`. */
export class InvalidConditionSetError extends Error {
  override readonly name = 'InvalidConditionSetError';
}
