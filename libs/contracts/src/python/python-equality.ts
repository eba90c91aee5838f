import { isPythonObject, PYTHON_EQ } from './python-object';
import { isPythonNumber, pythonTypeName } from './python-type-name';

/**
 * Python's `a == b` for JSON values (NetBox's `eq`, the membership behind `in`, Jinja2's `==`): numbers
 * and booleans compare by value across types (`1 == 1.0`, `True == 1`), lists and tuples element-wise
 * (a list never equals a tuple), dicts by key set and values regardless of key order; nothing else
 * crosses types.
 */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (isPythonNumber(a) && isPythonNumber(b)) return Number(a) === Number(b);
  const custom = customEquality(a, b) ?? customEquality(b, a);
  if (custom !== undefined) return custom;
  const type = pythonTypeName(a);
  if (type !== pythonTypeName(b)) return false;
  switch (type) {
    case 'NoneType':
      return true;
    case 'list':
    case 'tuple':
      return sequencesEqual(a as readonly unknown[], b as readonly unknown[]);
    case 'dict':
      return dictsEqual(a as Readonly<Record<string, unknown>>, b as Readonly<Record<string, unknown>>);
    default:
      return a === b;
  }
}

/** A `PythonObject`'s own `__eq__`, when it has one. */
function customEquality(self: unknown, other: unknown): boolean | undefined {
  return isPythonObject(self) ? self[PYTHON_EQ]?.(other) : undefined;
}

function sequencesEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => pythonEquals(item, b[index]));
}

function dictsEqual(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && pythonEquals(a[key], b[key]))
  );
}
