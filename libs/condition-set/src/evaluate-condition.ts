import {
  PythonTypeError,
  pythonCompare,
  pythonContains,
  pythonEquals,
  pythonTypeName,
} from '@validity/contracts';
import type { Condition } from './condition-set';
import { type PythonRegex, compilePythonRegex } from './compile-python-regex';
import { ConditionEvaluationError } from './condition-evaluation.error';
import { resolveAttribute } from './resolve-attribute';

/**
 * One condition against an event's `data`, with NetBox 3.6's semantics: resolve `attr`, apply the
 * operator with Python's rules, then `negate`. Where Python raises a `TypeError` (NetBox's worker job
 * then fails), this throws `ConditionEvaluationError` with NetBox 4.x's wording, which names the attr.
 */
export function evaluateCondition(condition: Condition, data: unknown): boolean {
  const resolved = resolveAttribute(data, condition.attr);
  try {
    const result = applyOperator(condition, resolved);
    return condition.negate ? !result : result;
  } catch (error) {
    if (!(error instanceof PythonTypeError)) throw error;
    throw new ConditionEvaluationError(
      `Invalid data type at '${condition.attr}' for '${condition.op}' evaluation: ${error.message}`,
    );
  }
}

const ORDER_SYMBOLS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Python's `resolved > value` and the like. NetBox allows them only for an int or float `value`, so
 * only a number or a bool on the left compares; anything else raises Python's `TypeError`.
 */
function holdsOrder(op: keyof typeof ORDER_SYMBOLS, order: number): boolean {
  switch (op) {
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}

function applyOperator(condition: Condition, resolved: unknown): boolean {
  const { op, value } = condition;
  switch (op) {
    case 'eq':
      return pythonEquals(resolved, value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return holdsOrder(op, pythonCompare(resolved, value, ORDER_SYMBOLS[op]));
    case 'in':
      return pythonContains(value, resolved);
    case 'contains':
      return pythonContains(resolved, value);
    case 'regex':
      return pythonReMatch(condition, resolved);
  }
}

// A dispatcher parses a webhook's conditions once and evaluates them for many events.
const compiledPatterns = new WeakMap<Condition, PythonRegex>();

/** `re.match(value, resolved) is not None`: Python compiles the pattern before it checks the subject. */
function pythonReMatch(condition: Condition, resolved: unknown): boolean {
  const regex = compiledPattern(condition);
  if (typeof resolved !== 'string') {
    throw new PythonTypeError(`expected string or bytes-like object, got '${pythonTypeName(resolved)}'`);
  }
  return regex.test(resolved);
}

function compiledPattern(condition: Condition): PythonRegex {
  const cached = compiledPatterns.get(condition);
  if (cached !== undefined) return cached;
  if (typeof condition.value !== 'string') {
    throw new PythonTypeError('first argument must be string or compiled pattern');
  }
  const compiled = compilePythonRegex(condition.value);
  // Only a set built without parseConditionSet can get here with a bad pattern.
  if (!compiled.ok) {
    throw new ConditionEvaluationError(`${compiled.message} (condition on '${condition.attr}')`);
  }
  compiledPatterns.set(condition, compiled.regex);
  return compiled.regex;
}
