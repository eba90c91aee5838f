import {
  isPythonDict,
  PythonTypeError,
  pythonCompare,
  pythonContains,
  pythonLength,
  pythonTypeName,
} from '@validity/contracts';
import { TemplateError } from './template-error';
import { Undefined } from './undefined-value';

/**
 * Template values follow Python's rules, because NetBox renders with Jinja2 on Python and templates are
 * written against that: JSON objects are dicts, arrays lists, `null` is `None`. Printing, truth and
 * equality, ordering and membership come from the shared Python-values module (`@validity/contracts`);
 * here their errors become template errors, and iteration and `len()` know Jinja2's `Undefined`.
 */

/** Python's ordering (`<`), failing as a template does: an undefined operand raises its own hint. */
export function pyCompare(left: unknown, right: unknown, operator: string): number {
  return asTemplateError(() => pythonCompare(left, right, operator), left, right);
}

/** Python's `x in container`. */
export function pyContains(container: unknown, item: unknown): boolean {
  return asTemplateError(() => pythonContains(container, item), container);
}

function asTemplateError<T>(operation: () => T, ...operands: unknown[]): T {
  try {
    return operation();
  } catch (error) {
    if (!(error instanceof PythonTypeError)) throw error;
    for (const operand of operands) if (operand instanceof Undefined) operand.fail();
    throw new TemplateError(error.message);
  }
}

/** What `for x in value` walks: list items, dict keys, string characters. */
export function pyIterate(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isPythonDict(value)) return Object.keys(value);
  if (typeof value === 'string') return [...value];
  if (value instanceof Undefined) return [];
  throw new TemplateError(`'${pythonTypeName(value)}' object is not iterable`);
}

/** Python's `len()`. */
export function pyLength(value: unknown): number {
  if (typeof value === 'string') return pythonLength(value);
  if (Array.isArray(value)) return value.length;
  if (isPythonDict(value)) return Object.keys(value).length;
  if (value instanceof Undefined) return 0;
  throw new TemplateError(`object of type '${pythonTypeName(value)}' has no len()`);
}
