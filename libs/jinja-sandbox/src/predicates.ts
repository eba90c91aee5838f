import { isPythonDict, pythonEquals, pythonTypeName } from '@validity/contracts';
import { bindArguments } from './bind-arguments';
import { pyCompare, pyContains } from './python-values';
import { Undefined } from './undefined-value';
import { PyCallable } from './py-callable';
import { TemplateError } from './template-error';

type Predicate = (value: unknown, args: unknown[], kwargs: Record<string, unknown>) => boolean;

const isInteger = (value: unknown) => typeof value === 'number' && Number.isInteger(value);

function comparing(name: string, operator: string, holds: (order: number) => boolean): Predicate {
  return (value, args, kwargs) => {
    const [other] = bindArguments(name, [['other']], args, kwargs);
    return holds(pyCompare(value, other, operator));
  };
}

function integerOperand(name: string, value: unknown): number {
  if (!isInteger(value)) throw new TemplateError(`test '${name}' needs an int, got ${pythonTypeName(value)}`);
  return value as number;
}

/** Jinja2's built-in tests (`x is defined`, `x is divisibleby 3`, ...). */
export const TESTS: Readonly<Record<string, Predicate>> = {
  defined: (value) => !(value instanceof Undefined),
  undefined: (value) => value instanceof Undefined,
  none: (value) => value === null,
  boolean: (value) => typeof value === 'boolean',
  true: (value) => value === true,
  false: (value) => value === false,
  integer: isInteger,
  float: (value) => typeof value === 'number' && !Number.isInteger(value),
  number: (value) => typeof value === 'number' || typeof value === 'boolean',
  string: (value) => typeof value === 'string',
  mapping: (value) => isPythonDict(value),
  sequence: (value) => typeof value === 'string' || Array.isArray(value) || isPythonDict(value),
  iterable: (value) => typeof value === 'string' || Array.isArray(value) || isPythonDict(value),
  callable: (value) => value instanceof PyCallable,
  lower: (value) => typeof value === 'string' && value === value.toLowerCase(),
  upper: (value) => typeof value === 'string' && value === value.toUpperCase(),
  even: (value) => integerOperand('even', value) % 2 === 0,
  odd: (value) => Math.abs(integerOperand('odd', value) % 2) === 1,
  divisibleby: (value, args, kwargs) => {
    const [divisor] = bindArguments('divisibleby', [['num']], args, kwargs);
    if (integerOperand('divisibleby', divisor) === 0) throw new TemplateError('integer modulo by zero');
    return integerOperand('divisibleby', value) % (divisor as number) === 0;
  },
  eq: (value, args, kwargs) => pythonEquals(value, bindArguments('eq', [['other']], args, kwargs)[0]),
  ne: (value, args, kwargs) => !pythonEquals(value, bindArguments('ne', [['other']], args, kwargs)[0]),
  lt: comparing('lt', '<', (order) => order < 0),
  le: comparing('le', '<=', (order) => order <= 0),
  gt: comparing('gt', '>', (order) => order > 0),
  ge: comparing('ge', '>=', (order) => order >= 0),
  in: (value, args, kwargs) => pyContains(bindArguments('in', [['seq']], args, kwargs)[0], value),
};

/** Jinja2's aliases for the comparison tests. */
const ALIASES: Readonly<Record<string, string>> = {
  equalto: 'eq',
  '==': 'eq',
  '!=': 'ne',
  lessthan: 'lt',
  '<': 'lt',
  '<=': 'le',
  greaterthan: 'gt',
  '>': 'gt',
  '>=': 'ge',
};

export function testNamed(name: string): Predicate {
  const resolved = ALIASES[name] ?? name;
  if (!Object.hasOwn(TESTS, resolved)) throw new TemplateError(`no test named '${name}'`);
  return TESTS[resolved];
}
