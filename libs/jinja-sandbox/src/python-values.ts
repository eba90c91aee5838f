import { pythonNumberRepr, pythonStringRepr } from '@validity/contracts';
import { PyCallable } from './py-callable';
import { TemplateError } from './template-error';
import { Undefined } from './undefined-value';

/**
 * Template values follow Python's rules, because NetBox renders with Jinja2 on Python and templates are
 * written against that: JSON objects are dicts, arrays lists, `null` is `None`, and printing, truth,
 * equality and ordering behave as in Python. (JavaScript has one number type, so a float that happens
 * to be integral prints as an int: `1.0` shows `1`.)
 */

const tuples = new WeakSet<readonly unknown[]>();

/** A Python tuple (printed with parentheses): `dict.items()` pairs, `(a, b)` literals. */
export function tuple(items: unknown[]): readonly unknown[] {
  const frozen = Object.freeze(items);
  tuples.add(frozen);
  return frozen;
}

export function isDict(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function typeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (value instanceof Undefined) return 'Undefined';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return tuples.has(value) ? 'tuple' : 'list';
  if (isDict(value)) return 'dict';
  if (value instanceof PyCallable) return 'builtin_function_or_method';
  return 'object';
}

/** Python's `str()`: what `{{ value }}` prints. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Undefined) return '';
  return pyRepr(value);
}

/** Python's `repr()`: `'text'`, `None`, `True`, `[1, 'a']`, `{'a': None}`, `(1,)`. */
export function pyRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value instanceof Undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumberRepr(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) {
    const items = value.map(pyRepr);
    if (!tuples.has(value)) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (isDict(value)) {
    const entries = Object.entries(value).map(
      ([key, member]) => `${pythonStringRepr(key)}: ${pyRepr(member)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  if (value instanceof PyCallable) return `<built-in method ${value.name}>`;
  return '<object>';
}

/** Python's truth value. */
export function truthy(value: unknown): boolean {
  if (value === null || value instanceof Undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

function isNumeric(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

/** Python's `==`: `1 == 1.0 == True`, lists and dicts compared member by member, no type coercion. */
export function pyEquals(left: unknown, right: unknown): boolean {
  if (isNumeric(left) && isNumeric(right)) return Number(left) === Number(right);
  if (left instanceof Undefined || right instanceof Undefined) {
    return left instanceof Undefined && right instanceof Undefined;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      typeName(left) === typeName(right) &&
      left.length === right.length &&
      left.every((item, index) => pyEquals(item, right[index]))
    );
  }
  if (isDict(left) && isDict(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && pyEquals(left[key], right[key]))
    );
  }
  return left === right;
}

/** Python's ordering (`<`): numbers, strings by code point, lists element-wise; anything else is an error. */
export function pyCompare(left: unknown, right: unknown, operator: string): number {
  if (isNumeric(left) && isNumeric(right)) return Number(left) - Number(right);
  if (typeof left === 'string' && typeof right === 'string') return compareCodePoints(left, right);
  if (Array.isArray(left) && Array.isArray(right) && typeName(left) === typeName(right)) {
    for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
      if (!pyEquals(left[index], right[index])) return pyCompare(left[index], right[index], operator);
    }
    return left.length - right.length;
  }
  if (left instanceof Undefined) left.fail();
  if (right instanceof Undefined) right.fail();
  throw new TemplateError(
    `'${operator}' not supported between instances of '${typeName(left)}' and '${typeName(right)}'`,
  );
}

export function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = (a[index].codePointAt(0) ?? 0) - (b[index].codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Python's `x in container`. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw new TemplateError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    }
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((member) => pyEquals(member, item));
  if (isDict(container)) return typeof item === 'string' && Object.hasOwn(container, item);
  if (container instanceof Undefined) container.fail();
  throw new TemplateError(`argument of type '${typeName(container)}' is not iterable`);
}

/** What `for x in value` walks: list items, dict keys, string characters. */
export function pyIterate(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isDict(value)) return Object.keys(value);
  if (typeof value === 'string') return [...value];
  if (value instanceof Undefined) return [];
  throw new TemplateError(`'${typeName(value)}' object is not iterable`);
}

/** Python's `len()`. */
export function pyLength(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isDict(value)) return Object.keys(value).length;
  if (value instanceof Undefined) return 0;
  throw new TemplateError(`object of type '${typeName(value)}' has no len()`);
}
