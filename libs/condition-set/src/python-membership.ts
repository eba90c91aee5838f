import { pythonEquals } from './python-equality';
import { PythonTypeError } from './python-type.error';
import { isPythonDict, pythonTypeName } from './python-type-name';

/**
 * Python's `item in container`. NetBox's `in` is `x in value` and its `contains` is `value in x`:
 * substring for a string, element equality for a list, key lookup for a dict. Anything else raises
 * Python's `TypeError`, thrown here as `PythonTypeError` with Python's message.
 */
export function pythonContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw new PythonTypeError(`'in <string>' requires string as left operand, not ${pythonTypeName(item)}`);
    }
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((element) => pythonEquals(element, item));
  if (isPythonDict(container)) return dictHasKey(container, item);
  throw new PythonTypeError(`argument of type '${pythonTypeName(container)}' is not iterable`);
}

/** JSON object keys are strings, so only a string can be a key; a list or dict cannot even be hashed. */
function dictHasKey(dict: Readonly<Record<string, unknown>>, key: unknown): boolean {
  const type = pythonTypeName(key);
  if (type === 'list' || type === 'dict') throw new PythonTypeError(`unhashable type: '${type}'`);
  return typeof key === 'string' && Object.hasOwn(dict, key);
}
