/**
 * Thrown when a value has no JSON form, e.g. NaN, Infinity, a bigint or a Date. Python's `json.dumps`
 * would write `NaN`/`Infinity`, which is not JSON and which most receivers reject, so we refuse instead.
 */
export class NonJsonValueError extends Error {
  override readonly name = 'NonJsonValueError';

  constructor(
    /** Where the value sits, as a JSONPath-like string such as `$.data.ratio`. */
    readonly path: string,
    description: string,
  ) {
    super(`${path} is ${description}, which has no JSON representation`);
  }
}
