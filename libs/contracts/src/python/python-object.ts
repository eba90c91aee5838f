/**
 * The dunder methods of a value a Python emulation defines itself (the Jinja2 sandbox's `Undefined`, a
 * bound method), so the shared Python rules print, test and compare it without knowing its class.
 */
export const PYTHON_TYPE_NAME = Symbol('python.__class__.__name__');
export const PYTHON_REPR = Symbol('python.__repr__');
export const PYTHON_STR = Symbol('python.__str__');
export const PYTHON_BOOL = Symbol('python.__bool__');
export const PYTHON_EQ = Symbol('python.__eq__');

export interface PythonObject {
  readonly [PYTHON_TYPE_NAME]: string;
  [PYTHON_REPR](): string;
  /** Defaults to the repr, as Python's `object.__str__` does. */
  [PYTHON_STR]?(): string;
  /** Defaults to true, as for any Python object without `__bool__` or `__len__`. */
  [PYTHON_BOOL]?(): boolean;
  /** Defaults to identity, as Python's `object.__eq__` does. */
  [PYTHON_EQ]?(other: unknown): boolean;
}

export function isPythonObject(value: unknown): value is PythonObject {
  return typeof value === 'object' && value !== null && PYTHON_TYPE_NAME in value;
}
