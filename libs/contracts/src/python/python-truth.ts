import { isPythonObject, PYTHON_BOOL } from './python-object';
import { isPythonDict } from './python-type-name';

/**
 * Python's truth value (`bool(value)`): `None`, `False`, `0`, `-0.0`, `''`, `[]` and `{}` are false;
 * `nan` is true. What Jinja2's `{% if %}` tests and NetBox reads as "no conditions".
 */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (isPythonDict(value)) return Object.keys(value).length > 0;
  return isPythonObject(value) ? (value[PYTHON_BOOL]?.() ?? true) : true;
}
