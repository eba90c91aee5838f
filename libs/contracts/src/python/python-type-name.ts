import { isPythonObject, PYTHON_TYPE_NAME } from './python-object';

/**
 * The name of the Python type a JSON value decodes to (`json.loads`), as Python's messages print it.
 *
 * JavaScript has one number type, so an integral number is `int` and any other is `float`: the JSON
 * float `1.0`, a Python `float`, is reported as `int` here. JavaScript's `undefined` (an absent value)
 * is `None`. Values JSON cannot carry (functions, class instances such as `Date`) are `object`, unless
 * they name their type as a `PythonObject`.
 */
export type PythonTypeName =
  'NoneType' | 'bool' | 'int' | 'float' | 'str' | 'list' | 'tuple' | 'dict' | 'object';

const tuples = new WeakSet<readonly unknown[]>();

/** A Python tuple (printed with parentheses, never equal to a list): `dict.items()` pairs, `(a, b)`. */
export function pythonTuple(items: unknown[]): readonly unknown[] {
  const frozen = Object.freeze(items);
  tuples.add(frozen);
  return frozen;
}

export function isPythonTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && tuples.has(value);
}

export function pythonTypeName(value: unknown): PythonTypeName | (string & {}) {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return tuples.has(value) ? 'tuple' : 'list';
  if (isPythonDict(value)) return 'dict';
  return isPythonObject(value) ? value[PYTHON_TYPE_NAME] : 'object';
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
