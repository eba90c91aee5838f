import { isPythonDict, pythonClass, pythonRepr, pythonStr, pythonTypeName } from '@validity/contracts';
import type { ConditionValue, Operator } from './condition-set';
import { OPERATORS } from './condition-set';
import { InvalidConditionSetError } from './invalid-condition-set.error';

/** A condition as NetBox 3.6 stores it: `attr` and `negate` are whatever the client sent. */
export interface NetBoxCondition {
  attr: unknown;
  op: Operator;
  value: ConditionValue;
  negate: unknown;
}

const KEYS = ['attr', 'value', 'op', 'negate'];
const REQUIRED_KEYS = ['attr', 'value'];

/** NetBox's `Condition.TYPES`: the operators each type of `value` allows. A dict is never allowed. */
const OPERATORS_BY_VALUE_TYPE: Partial<Record<string, readonly Operator[]>> = {
  str: ['eq', 'contains', 'regex'],
  bool: ['eq', 'contains'],
  int: ['eq', 'gt', 'gte', 'lt', 'lte', 'contains'],
  float: ['eq', 'gt', 'gte', 'lt', 'lte', 'contains'],
  list: ['eq', 'in', 'contains'],
  NoneType: ['eq'],
};

/**
 * NetBox 3.6's `Condition(**rule)`, with its messages and in its order: Python binds the keys first,
 * then `__init__` checks the operator, the value's type, and the operator for that type.
 *
 * Where Python raises `TypeError` instead (NetBox answers 500), this throws a message of ours: a rule
 * that is not a dict, an unknown key, a missing `attr` or `value`.
 */
export function readNetBoxCondition(rule: unknown): NetBoxCondition {
  if (!isPythonDict(rule)) throw invalid(`Condition must be a dictionary, not ${pythonClass(rule)}.`);
  const unknownKeys = Object.keys(rule).filter((key) => !KEYS.includes(key));
  if (unknownKeys.length > 0) {
    const listed = unknownKeys.map(pythonRepr).join(', ');
    throw invalid(`Condition has unknown key(s): ${listed}. Allowed keys: attr, value, op, negate.`);
  }
  const missingKeys = REQUIRED_KEYS.filter((key) => !Object.hasOwn(rule, key));
  if (missingKeys.length > 0) {
    throw invalid(`Condition is missing required key(s): ${missingKeys.join(', ')}.`);
  }

  const op = Object.hasOwn(rule, 'op') ? rule['op'] : 'eq';
  if (!isOperator(op)) {
    throw invalid(`Unknown operator: ${pythonStr(op)}. Must be one of: ${OPERATORS.join(', ')}`);
  }
  const value = rule['value'] ?? null;
  const allowed = OPERATORS_BY_VALUE_TYPE[pythonTypeName(value)];
  if (allowed === undefined) throw invalid(`Unsupported value type: ${pythonClass(value)}`);
  if (!allowed.includes(op)) throw invalid(`Invalid type for ${op} operation: ${pythonClass(value)}`);

  const negate = Object.hasOwn(rule, 'negate') ? rule['negate'] : false;
  return { attr: rule['attr'], op, value: value as ConditionValue, negate };
}

function isOperator(op: unknown): op is Operator {
  return OPERATORS.some((operator) => operator === op);
}

function invalid(message: string): InvalidConditionSetError {
  return new InvalidConditionSetError(message);
}
