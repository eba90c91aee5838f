import { PythonTypeError } from './python-type.error';
import { isPythonNumber, pythonTypeName } from './python-type-name';
import { pythonEquals } from './python-equality';

/**
 * Python's ordering behind `<`, `<=`, `>`, `>=`: numbers and bools by value, strings by code point,
 * lists (or tuples) element-wise at the first unequal pair, then by length. Anything else raises
 * Python's `TypeError`, with `symbol` (`'<'`) in its message. Answers below, at or above zero; NaN
 * answers NaN, which every comparison with zero refuses, as every comparison with Python's `nan` is
 * false.
 */
export function pythonCompare(left: unknown, right: unknown, symbol: string): number {
  if (isPythonNumber(left) && isPythonNumber(right)) return compareNumbers(Number(left), Number(right));
  if (typeof left === 'string' && typeof right === 'string') return compareCodePoints(left, right);
  if (Array.isArray(left) && Array.isArray(right) && pythonTypeName(left) === pythonTypeName(right)) {
    for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
      if (!pythonEquals(left[index], right[index])) return pythonCompare(left[index], right[index], symbol);
    }
    return left.length - right.length;
  }
  throw new PythonTypeError(
    `'${symbol}' not supported between instances of '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`,
  );
}

// Not a subtraction: `inf - inf` is NaN, yet `inf <= inf` holds.
function compareNumbers(left: number, right: number): number {
  if (left < right) return -1;
  if (left > right) return 1;
  return left === right ? 0 : Number.NaN;
}

/** Python's string order: by code point, where JavaScript's `<` compares UTF-16 units. */
export function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = (a[index].codePointAt(0) ?? 0) - (b[index].codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
