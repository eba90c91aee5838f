import { pythonEquals } from './python-equality';
import { PythonTypeError } from './python-type.error';
import { isPythonDict, pythonTypeName } from './python-type-name';

/**
 * Python's `item in container`: substring for a string, element equality for a list or tuple, key
 * lookup for a dict. Anything else raises Python's `TypeError`, thrown as `PythonTypeError` with
 * Python's message.
 */
export function pythonContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw new PythonTypeError(`'in <string>' requires string as left operand, not ${pythonTypeName(item)}`);
    }
    return includesCodePoints(container, item);
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

/** Substring search by code point: a lone surrogate is not found inside a surrogate pair, as in Python. */
function includesCodePoints(text: string, part: string): boolean {
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) {
    const end = at + part.length;
    const splitsPairBefore = isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1));
    const splitsPairAfter = isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end));
    if (!splitsPairBefore && !splitsPairAfter) return true;
  }
  return false;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
