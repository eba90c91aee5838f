import { pythonRepr } from '@validity/contracts';
import type { CallArguments, Expression, Statement } from './nodes';

/** A construct in a template that names a private member, and where. */
export interface UnsafeAccess {
  /** As written in the template, e.g. `.__class__`, `['__globals__']`, `map(attribute='_x')`. */
  construct: string;
  line: number;
}

/**
 * Filters that read an attribute path of each item, and the position of that argument (it may also be
 * given as `attribute=`). `map` takes it only by keyword.
 */
const ATTRIBUTE_ARGUMENT: Readonly<Record<string, number | undefined>> = {
  join: 1,
  map: undefined,
  max: 1,
  min: 1,
  rejectattr: 0,
  selectattr: 0,
  sort: 2,
  sum: 0,
  unique: 1,
};

/**
 * The first attribute or item access, written with a literal name, to a name starting with `_`: what
 * Jinja2's sandbox refuses as unsafe (`__class__`, `__globals__`, `__mro__`, ... are how Jinja2 templates
 * escape a sandbox). This engine never reaches such members anyway (a template sees only dict keys and
 * a fixed list of methods), and the data webhooks render (REST representations, snapshots) has no key
 * starting with `_`, so a template that names one can only be a probe or a mistake; it is refused
 * before it is stored. Names computed at render time are left to the sandbox itself.
 */
export function findUnsafeAccess(statements: readonly Statement[]): UnsafeAccess | undefined {
  for (const statement of statements) {
    const found = inStatement(statement);
    if (found) return found;
  }
  return undefined;
}

function inStatement(statement: Statement): UnsafeAccess | undefined {
  switch (statement.type) {
    case 'text':
      return undefined;
    case 'output':
      return inExpression(statement.expression);
    case 'if':
      return (
        firstOf(statement.branches, (branch) => inExpression(branch.test) ?? findUnsafeAccess(branch.body)) ??
        findUnsafeAccess(statement.otherwise)
      );
    case 'for':
      return (
        inExpression(statement.iterable) ??
        (statement.condition && inExpression(statement.condition)) ??
        findUnsafeAccess(statement.body) ??
        findUnsafeAccess(statement.otherwise)
      );
    case 'set':
      return inExpression(statement.value);
  }
}

function inExpression(expression: Expression): UnsafeAccess | undefined {
  const { line } = expression;
  switch (expression.type) {
    case 'literal':
    case 'name':
      return undefined;
    case 'attribute':
      return isPrivate(expression.name)
        ? { construct: `.${expression.name}`, line }
        : inExpression(expression.object);
    case 'item': {
      const { key } = expression;
      if (key.type === 'literal' && typeof key.value === 'string' && isPrivate(key.value)) {
        return { construct: `[${pythonRepr(key.value)}]`, line };
      }
      return inExpression(expression.object) ?? inExpression(key);
    }
    case 'slice':
      return firstOf([expression.object, expression.start, expression.stop, expression.step], (part) =>
        part ? inExpression(part) : undefined,
      );
    case 'call':
      return inExpression(expression.callee) ?? inArguments(expression);
    case 'filter':
      return (
        privateAttributeArgument(expression) ?? inExpression(expression.value) ?? inArguments(expression)
      );
    case 'test':
      return inExpression(expression.value) ?? inArguments(expression);
    case 'not':
    case 'negative':
    case 'positive':
      return inExpression(expression.operand);
    case 'binary':
      return inExpression(expression.left) ?? inExpression(expression.right);
    case 'compare':
      return (
        inExpression(expression.first) ?? firstOf(expression.rest, ([, operand]) => inExpression(operand))
      );
    case 'conditional':
      return (
        inExpression(expression.test) ??
        inExpression(expression.then) ??
        (expression.otherwise && inExpression(expression.otherwise))
      );
    case 'list':
    case 'tuple':
      return firstOf(expression.items, inExpression);
    case 'dict':
      return firstOf(expression.entries, ([key, value]) => inExpression(key) ?? inExpression(value));
  }
}

function inArguments({ args, kwargs }: CallArguments): UnsafeAccess | undefined {
  return firstOf(args, inExpression) ?? firstOf(kwargs, ([, value]) => inExpression(value));
}

/** `map(attribute='__class__')`, `selectattr('a.__dict__')`: an attribute path given as a literal. */
function privateAttributeArgument(filter: Extract<Expression, { type: 'filter' }>): UnsafeAccess | undefined {
  if (!Object.hasOwn(ATTRIBUTE_ARGUMENT, filter.name)) return undefined;
  const position = ATTRIBUTE_ARGUMENT[filter.name];
  const keyword = filter.kwargs.find(([name]) => name === 'attribute');
  const argument = keyword?.[1] ?? (position === undefined ? undefined : filter.args[position]);
  if (argument?.type !== 'literal' || typeof argument.value !== 'string') return undefined;
  if (!argument.value.split('.').some(isPrivate)) return undefined;
  // selectattr/rejectattr take the path first; for the others `attribute=` says what the argument is.
  const written =
    keyword || position !== 0 ? `attribute=${pythonRepr(argument.value)}` : pythonRepr(argument.value);
  return { construct: `${filter.name}(${written})`, line: filter.line };
}

function isPrivate(name: string): boolean {
  return name.startsWith('_');
}

function firstOf<T>(
  items: readonly T[],
  find: (item: T) => UnsafeAccess | undefined,
): UnsafeAccess | undefined {
  for (const item of items) {
    const found = find(item);
    if (found) return found;
  }
  return undefined;
}
