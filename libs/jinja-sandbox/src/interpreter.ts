import { pythonEquals, pythonStr, pythonTruthy, pythonTuple, pythonTypeName } from '@validity/contracts';
import { getAttribute, getItem, getSlice } from './attributes';
import { filterNamed } from './filters';
import { LoopContext } from './loop-context';
import type { BinaryOperator, CallArguments, CompareOperator, Expression, Statement } from './nodes';
import { testNamed } from './predicates';
import { pyCompare, pyContains, pyIterate } from './python-values';
import { Undefined } from './undefined-value';
import { PyCallable } from './py-callable';
import { TemplateError } from './template-error';

/** Bounds on one rendering, so a template cannot hold a worker or its memory (Jinja2's sandbox caps `range`). */
export interface RenderLimits {
  maxSteps: number;
  maxOutputChars: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = { maxSteps: 1_000_000, maxOutputChars: 10_000_000 };

/** How one rendering runs: its bounds, and an optional rule for what `{{ ... }}` may print. */
export interface RenderSettings extends RenderLimits {
  /**
   * Checks the text each `{{ expression }}` prints (not the template's own text); a message fails the
   * rendering at that expression's line. The dispatcher uses it for `additional_headers`, whose line
   * structure must come from the template, never from event data.
   */
  checkPrinted?: (text: string) => string | undefined;
}

/** Jinja2's sandbox `MAX_RANGE`. */
const MAX_RANGE = 100_000;

const GLOBALS: ReadonlyMap<string, unknown> = new Map([['range', new PyCallable('range', range)]]);

function range(args: unknown[]): unknown[] {
  if (args.length === 0 || args.length > 3 || !args.every((arg) => Number.isInteger(arg))) {
    throw new TemplateError('range() takes 1 to 3 integer arguments');
  }
  const [start, stop, step] = (
    args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1]
  ) as number[];
  if (step === 0) throw new TemplateError('range() arg 3 must not be zero');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  if (length > MAX_RANGE) {
    throw new TemplateError(`Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`);
  }
  return Array.from({ length }, (_, index) => start + index * step);
}

class Scope {
  private readonly variables = new Map<string, unknown>();

  constructor(private readonly parent?: Scope) {}

  lookup(name: string): unknown {
    if (this.variables.has(name)) return this.variables.get(name);
    if (this.parent) return this.parent.lookup(name);
    return GLOBALS.has(name) ? GLOBALS.get(name) : new Undefined(`'${name}' is undefined`);
  }

  assign(name: string, value: unknown): void {
    this.variables.set(name, value);
  }

  child(): Scope {
    return new Scope(this);
  }
}

/** Runs parsed statements against a context and returns the output. */
export function execute(
  statements: Statement[],
  context: Record<string, unknown>,
  settings: RenderSettings,
): string {
  const scope = new Scope();
  for (const [name, value] of Object.entries(context)) scope.assign(name, value);
  const renderer = new Renderer(settings);
  renderer.run(statements, scope);
  return renderer.output.join('');
}

class Renderer {
  readonly output: string[] = [];
  private outputChars = 0;
  private steps = 0;

  constructor(private readonly settings: RenderSettings) {}

  run(statements: readonly Statement[], scope: Scope): void {
    for (const statement of statements) this.execute(statement, scope);
  }

  private execute(statement: Statement, scope: Scope): void {
    this.tick();
    switch (statement.type) {
      case 'text':
        return this.write(statement.text);
      case 'output':
        return this.print(statement.expression, scope);
      case 'if': {
        const branch = statement.branches.find(({ test }) => pythonTruthy(this.evaluate(test, scope)));
        return this.run(branch ? branch.body : statement.otherwise, scope);
      }
      case 'for':
        return this.loop(statement, scope);
      case 'set':
        return bind(scope, statement.targets, this.evaluate(statement.value, scope));
    }
  }

  /** Each iteration gets its own scope: a `set` inside the body does not outlive it, as in Jinja2. */
  private loop(statement: Extract<Statement, { type: 'for' }>, scope: Scope): void {
    const { targets, condition } = statement;
    let items = pyIterate(this.evaluate(statement.iterable, scope));
    if (condition) {
      items = items.filter((item) => {
        const filterScope = scope.child();
        bind(filterScope, targets, item);
        return pythonTruthy(this.evaluate(condition, filterScope));
      });
    }
    if (items.length === 0) return this.run(statement.otherwise, scope);
    const loop = new LoopContext(items);
    items.forEach((item, index) => {
      this.tick();
      const iteration = scope.child();
      loop.index0 = index;
      iteration.assign('loop', loop);
      bind(iteration, targets, item);
      this.run(statement.body, iteration);
    });
  }

  private evaluate(expression: Expression, scope: Scope): unknown {
    this.tick();
    switch (expression.type) {
      case 'literal':
        return expression.value;
      case 'name':
        return scope.lookup(expression.name);
      case 'attribute':
        return getAttribute(this.evaluate(expression.object, scope), expression.name);
      case 'item':
        return getItem(this.evaluate(expression.object, scope), this.evaluate(expression.key, scope));
      case 'slice': {
        const bound = (part?: Expression) => (part ? this.evaluate(part, scope) : null);
        return getSlice(
          this.evaluate(expression.object, scope),
          bound(expression.start),
          bound(expression.stop),
          bound(expression.step),
        );
      }
      case 'call': {
        const callee = this.evaluate(expression.callee, scope);
        if (callee instanceof Undefined) callee.fail();
        if (!(callee instanceof PyCallable))
          throw new TemplateError(`'${pythonTypeName(callee)}' object is not callable`);
        return callee.invoke(...this.arguments(expression, scope));
      }
      case 'filter':
        return this.applyFilter(
          expression.name,
          this.evaluate(expression.value, scope),
          ...this.arguments(expression, scope),
        );
      case 'test':
        return (
          testNamed(expression.name)(
            this.evaluate(expression.value, scope),
            ...this.arguments(expression, scope),
          ) !== expression.negated
        );
      case 'not':
        return !pythonTruthy(this.evaluate(expression.operand, scope));
      case 'negative':
      case 'positive': {
        const operand = this.evaluate(expression.operand, scope);
        if (operand instanceof Undefined) operand.fail();
        if (typeof operand !== 'number' && typeof operand !== 'boolean') {
          const sign = expression.type === 'negative' ? '-' : '+';
          throw new TemplateError(`bad operand type for unary ${sign}: '${pythonTypeName(operand)}'`);
        }
        return expression.type === 'negative' ? -Number(operand) : Number(operand);
      }
      case 'binary':
        return this.binary(expression.operator, expression.left, expression.right, scope);
      case 'compare':
        return this.compare(expression.first, expression.rest, scope);
      case 'conditional':
        if (pythonTruthy(this.evaluate(expression.test, scope))) return this.evaluate(expression.then, scope);
        return expression.otherwise
          ? this.evaluate(expression.otherwise, scope)
          : new Undefined(
              `the inline if-expression on line ${expression.line} evaluated to false and no else section was defined.`,
            );
      case 'list':
        return expression.items.map((item) => this.evaluate(item, scope));
      case 'tuple':
        return pythonTuple(expression.items.map((item) => this.evaluate(item, scope)));
      case 'dict': {
        // A null-prototype object: a key such as "__proto__" stays an ordinary key.
        const dict: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        for (const [keyExpression, valueExpression] of expression.entries) {
          const key = this.evaluate(keyExpression, scope);
          if (typeof key !== 'string') throw new TemplateError('dict keys must be strings');
          dict[key] = this.evaluate(valueExpression, scope);
        }
        return dict;
      }
    }
  }

  private readonly applyFilter = (
    name: string,
    value: unknown,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): unknown => filterNamed(name)(value, args, kwargs, this.applyFilter);

  private arguments(call: CallArguments, scope: Scope): [unknown[], Record<string, unknown>] {
    const args = call.args.map((argument) => this.evaluate(argument, scope));
    const kwargs: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, argument] of call.kwargs) kwargs[name] = this.evaluate(argument, scope);
    return [args, kwargs];
  }

  private binary(
    operator: BinaryOperator,
    leftExpression: Expression,
    rightExpression: Expression,
    scope: Scope,
  ): unknown {
    const left = this.evaluate(leftExpression, scope);
    if (operator === 'and') return pythonTruthy(left) ? this.evaluate(rightExpression, scope) : left;
    if (operator === 'or') return pythonTruthy(left) ? left : this.evaluate(rightExpression, scope);
    const right = this.evaluate(rightExpression, scope);
    if (operator === '~') return pythonStr(left) + pythonStr(right);
    return arithmetic(operator, left, right);
  }

  private compare(
    firstExpression: Expression,
    rest: Array<[CompareOperator, Expression]>,
    scope: Scope,
  ): boolean {
    let left = this.evaluate(firstExpression, scope);
    for (const [operator, expression] of rest) {
      const right = this.evaluate(expression, scope);
      if (!compareValues(operator, left, right)) return false;
      left = right;
    }
    return true;
  }

  private print(expression: Expression, scope: Scope): void {
    const text = pythonStr(this.evaluate(expression, scope));
    const refusal = this.settings.checkPrinted?.(text);
    if (refusal !== undefined) throw new TemplateError(refusal, expression.line);
    this.write(text);
  }

  private write(text: string): void {
    this.outputChars += text.length;
    if (this.outputChars > this.settings.maxOutputChars) {
      throw new TemplateError(
        `the rendered output is longer than ${this.settings.maxOutputChars} characters`,
      );
    }
    this.output.push(text);
  }

  private tick(): void {
    this.steps += 1;
    if (this.steps > this.settings.maxSteps) {
      throw new TemplateError(`the template took more than ${this.settings.maxSteps} steps to render`);
    }
  }
}

function bind(scope: Scope, targets: readonly string[], value: unknown): void {
  if (targets.length === 1) return scope.assign(targets[0], value);
  const values = pyIterate(value);
  if (values.length !== targets.length) {
    throw new TemplateError(
      values.length > targets.length
        ? `too many values to unpack (expected ${targets.length})`
        : `not enough values to unpack (expected ${targets.length}, got ${values.length})`,
    );
  }
  targets.forEach((target, index) => scope.assign(target, values[index]));
}

function compareValues(operator: CompareOperator, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
      return pythonEquals(left, right);
    case '!=':
      return !pythonEquals(left, right);
    case 'in':
      return pyContains(right, left);
    case 'not in':
      return !pyContains(right, left);
    case '<':
      return pyCompare(left, right, operator) < 0;
    case '<=':
      return pyCompare(left, right, operator) <= 0;
    case '>':
      return pyCompare(left, right, operator) > 0;
    case '>=':
      return pyCompare(left, right, operator) >= 0;
  }
}

const isNumber = (value: unknown): value is number | boolean =>
  typeof value === 'number' || typeof value === 'boolean';

function arithmetic(
  operator: Exclude<BinaryOperator, 'and' | 'or' | '~'>,
  left: unknown,
  right: unknown,
): unknown {
  if (left instanceof Undefined) left.fail();
  if (right instanceof Undefined) right.fail();
  if (isNumber(left) && isNumber(right)) return numeric(operator, Number(left), Number(right));
  if (operator === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (
    operator === '+' &&
    Array.isArray(left) &&
    Array.isArray(right) &&
    pythonTypeName(left) === pythonTypeName(right)
  ) {
    const joined = [...left, ...right];
    return pythonTypeName(left) === 'tuple' ? pythonTuple(joined) : joined;
  }
  if (operator === '*') {
    const [repeated, times] = isNumber(right) ? [left, right] : [right, left];
    if (Number.isInteger(times) && (typeof repeated === 'string' || Array.isArray(repeated))) {
      const count = Math.max(0, Number(times));
      if (
        count * (typeof repeated === 'string' ? repeated.length : repeated.length) >
        DEFAULT_RENDER_LIMITS.maxOutputChars
      ) {
        throw new TemplateError('the repeated value is too large');
      }
      return typeof repeated === 'string'
        ? repeated.repeat(count)
        : Array.from({ length: count }, () => repeated).flat();
    }
  }
  throw new TemplateError(
    `unsupported operand type(s) for ${operator}: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`,
  );
}

function numeric(operator: string, left: number, right: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '**':
      return left ** right;
  }
  if (right === 0)
    throw new TemplateError(operator === '/' ? 'division by zero' : 'integer division or modulo by zero');
  if (operator === '/') return left / right;
  if (operator === '//') return Math.floor(left / right);
  return ((left % right) + right) % right;
}
