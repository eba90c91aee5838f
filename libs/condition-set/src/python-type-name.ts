/**
 * The name of the Python type `json.loads` would have produced for a value, as NetBox's messages print
 * it (`<class 'list'>`).
 *
 * JavaScript has one number type, so an integral number is `int` and any other is `float`: the JSON
 * float `1.0`, a Python `float`, is reported as `int` here. Values JSON cannot carry (functions, class
 * instances such as `Date`) are `object`: equal only to themselves and unusable by every operator.
 */
export type PythonTypeName = 'NoneType' | 'bool' | 'int' | 'float' | 'str' | 'list' | 'dict' | 'object';

export function pythonTypeName(value: unknown): PythonTypeName {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return isPythonDict(value) ? 'dict' : 'object';
}

/** Python's `str(type(value))`, e.g. `<class 'NoneType'>`. */
export function pythonClass(value: unknown): string {
  return `<class '${pythonTypeName(value)}'>`;
}

/** A plain object: what a JSON object decodes to. */
export function isPythonDict(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Python's bool is a subclass of int, so `True > 0` and `True == 1.0` hold. */
export function isPythonNumber(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}
