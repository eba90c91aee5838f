import { PythonTypeError } from './python-type.error';
import { isPythonNumber, pythonTypeName } from './python-type-name';

export type OrderingOperator = 'gt' | 'gte' | 'lt' | 'lte';

const SYMBOLS: Readonly<Record<OrderingOperator, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * Python's `left > right` (and `>=`, `<`, `<=`) where NetBox allows them: the condition value is an int
 * or a float, so only a number or a bool on the left compares; `None`, a string, a list or a dict
 * raises Python's `TypeError`.
 */
export function pythonCompare(left: unknown, operator: OrderingOperator, right: unknown): boolean {
  if (!isPythonNumber(left) || !isPythonNumber(right)) {
    throw new PythonTypeError(
      `'${SYMBOLS[operator]}' not supported between instances of '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`,
    );
  }
  const [a, b] = [Number(left), Number(right)];
  switch (operator) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
  }
}
