import { pythonTypeName } from './python-type-name';

/**
 * Whether `conditions` is falsy in Python, which NetBox 3.6 reads as "no conditions": it validates them
 * on save only `if self.conditions`, and its worker fires the webhook without evaluating anything when
 * they are falsy. Falsy: `null` (or absent), `false`, `0`, `""`, `[]`, `{}`.
 *
 * Call this first: `parseConditionSet({})` is an error, exactly as `ConditionSet({})` is in NetBox.
 */
export function isEmptyConditions(value: unknown): boolean {
  switch (pythonTypeName(value)) {
    case 'NoneType':
      return true;
    case 'bool':
      return value === false;
    case 'int':
    case 'float':
      // NaN is truthy in Python; -0 is falsy like 0.
      return value === 0;
    case 'str':
      return value === '';
    case 'list':
      return (value as readonly unknown[]).length === 0;
    case 'dict':
      return Object.keys(value as object).length === 0;
    case 'object':
      return false;
  }
}
