import { filterNamed } from './filters';
import { lex, type Segment, type Token } from './lexer';
import type { CallArguments, CompareOperator, Expression, Statement } from './nodes';
import { testNamed } from './predicates';
import { TemplateError } from './template-error';

/**
 * Parses a template with Jinja2's grammar and operator precedence. Statements: `if`/`elif`/`else`,
 * `for ... in ... [if ...]` with `else`, `set`; anything else (macros, includes, blocks) is refused by
 * name, as a sandbox without a loader refuses it.
 */
export function parseTemplate(source: string): Statement[] {
  const { segments, lastLine } = lex(source);
  return new TemplateParser(segments, lastLine).parse();
}

const COMPARE_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const CONSTANTS: Readonly<Record<string, unknown>> = {
  true: true,
  True: true,
  false: false,
  False: false,
  none: null,
  None: null,
};

interface EndTag {
  name: string;
  tokens: TokenStream;
}

class TemplateParser {
  private index = 0;

  constructor(
    private readonly segments: Segment[],
    private readonly lastLine: number,
  ) {}

  parse(): Statement[] {
    return this.parseBody([]).body;
  }

  private parseBody(endTags: readonly string[]): { body: Statement[]; end: EndTag } {
    const body: Statement[] = [];
    while (this.index < this.segments.length) {
      const segment = this.segments[this.index++];
      if (segment.kind === 'text') {
        body.push({ type: 'text', text: segment.text });
        continue;
      }
      const tokens = new TokenStream(segment.tokens, segment.line);
      if (segment.kind === 'output') {
        body.push({ type: 'output', expression: tokens.parseWhole('print statement') });
        continue;
      }
      const name = tokens.expectName();
      if (endTags.includes(name)) return { body, end: { name, tokens } };
      body.push(this.parseStatement(name, tokens));
    }
    if (endTags.length > 0) {
      const expected = endTags.map((tag) => `'${tag}'`).join(' or ');
      throw new TemplateError(`unexpected end of template, expected ${expected}`, this.lastLine);
    }
    return { body, end: { name: '', tokens: new TokenStream([], 0) } };
  }

  private parseStatement(name: string, tokens: TokenStream): Statement {
    switch (name) {
      case 'if':
        return this.parseIf(tokens);
      case 'for':
        return this.parseFor(tokens);
      case 'set':
        return parseSet(tokens);
      default:
        throw tokens.error(`encountered unknown tag '${name}'`);
    }
  }

  private parseIf(tokens: TokenStream): Statement {
    const branches = [{ test: tokens.parseWhole('if statement'), body: [] as Statement[] }];
    let otherwise: Statement[] = [];
    for (;;) {
      const { body, end } = this.parseBody(['elif', 'else', 'endif']);
      branches[branches.length - 1].body = body;
      if (end.name === 'elif') {
        branches.push({ test: end.tokens.parseWhole('elif statement'), body: [] });
        continue;
      }
      end.tokens.expectEnd('endif');
      if (end.name === 'else') {
        otherwise = this.parseBody(['endif']).body;
      }
      return { type: 'if', branches, otherwise };
    }
  }

  private parseFor(tokens: TokenStream): Statement {
    const line = tokens.line;
    const targets = parseTargets(tokens);
    if (!tokens.skipName('in')) throw tokens.error("expected 'in'");
    const iterable = tokens.parseExpression(false);
    const condition = tokens.skipName('if') ? tokens.parseExpression(true) : undefined;
    if (tokens.peekName('recursive')) throw tokens.error('recursive loops are not supported');
    tokens.expectEnd('for statement');
    const { body, end } = this.parseBody(['else', 'endfor']);
    end.tokens.expectEnd(end.name);
    const otherwise = end.name === 'else' ? this.parseBody(['endfor']).body : [];
    return { type: 'for', targets, iterable, condition, body, otherwise, line };
  }
}

function parseSet(tokens: TokenStream): Statement {
  const line = tokens.line;
  const targets = parseTargets(tokens);
  if (!tokens.skipOperator('=')) throw tokens.error("expected '=' (block assignments are not supported)");
  return { type: 'set', targets, value: tokens.parseWhole('set statement'), line };
}

function parseTargets(tokens: TokenStream): string[] {
  const targets = [tokens.expectName()];
  while (tokens.skipOperator(',')) targets.push(tokens.expectName());
  return targets;
}

/** The tokens of one tag, with Jinja2's expression grammar. */
class TokenStream {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    readonly line: number,
  ) {}

  parseWhole(what: string): Expression {
    const expression = this.parseTuple();
    this.expectEnd(what);
    return expression;
  }

  expectEnd(what: string): void {
    const token = this.peek();
    if (token) throw this.error(`expected end of ${what}, got ${describe(token)}`);
  }

  expectName(): string {
    const token = this.next();
    if (token?.type !== 'name') throw this.error(`expected a name, got ${describe(token)}`);
    return token.value as string;
  }

  peekName(name: string): boolean {
    const token = this.peek();
    return token?.type === 'name' && token.value === name;
  }

  skipName(name: string): boolean {
    if (!this.peekName(name)) return false;
    this.position += 1;
    return true;
  }

  skipOperator(operator: string): boolean {
    const token = this.peek();
    if (token?.type !== 'operator' || token.value !== operator) return false;
    this.position += 1;
    return true;
  }

  error(message: string): TemplateError {
    return new TemplateError(message, this.peek()?.line ?? this.line);
  }

  /** `a, b` without brackets is a tuple, as in `{{ a, b }}`. */
  parseTuple(): Expression {
    const line = this.currentLine();
    const first = this.parseExpression(true);
    if (!this.peekOperator(',')) return first;
    const items = [first];
    while (this.skipOperator(',')) {
      if (this.peek() === undefined) break;
      items.push(this.parseExpression(true));
    }
    return { type: 'tuple', items, line };
  }

  parseExpression(withConditional: boolean): Expression {
    let expression = this.parseOr();
    while (withConditional && this.skipName('if')) {
      const line = this.currentLine();
      const test = this.parseOr();
      const otherwise = this.skipName('else') ? this.parseExpression(true) : undefined;
      expression = { type: 'conditional', test, then: expression, otherwise, line };
    }
    return expression;
  }

  private parseOr(): Expression {
    let left = this.parseAnd();
    while (this.skipName('or')) {
      left = { type: 'binary', operator: 'or', left, right: this.parseAnd(), line: left.line };
    }
    return left;
  }

  private parseAnd(): Expression {
    let left = this.parseNot();
    while (this.skipName('and')) {
      left = { type: 'binary', operator: 'and', left, right: this.parseNot(), line: left.line };
    }
    return left;
  }

  private parseNot(): Expression {
    const line = this.currentLine();
    if (this.skipName('not')) return { type: 'not', operand: this.parseNot(), line };
    return this.parseCompare();
  }

  private parseCompare(): Expression {
    const first = this.parseMath1();
    const rest: Array<[CompareOperator, Expression]> = [];
    for (;;) {
      const token = this.peek();
      if (token?.type === 'operator' && COMPARE_OPERATORS.has(token.value as string)) {
        this.position += 1;
        rest.push([token.value as CompareOperator, this.parseMath1()]);
      } else if (this.skipName('in')) {
        rest.push(['in', this.parseMath1()]);
      } else if (this.peekName('not') && this.tokens[this.position + 1]?.value === 'in') {
        this.position += 2;
        rest.push(['not in', this.parseMath1()]);
      } else {
        break;
      }
    }
    return rest.length === 0 ? first : { type: 'compare', first, rest, line: first.line };
  }

  private parseMath1(): Expression {
    return this.parseBinary(['+', '-'], () => this.parseConcat());
  }

  private parseConcat(): Expression {
    return this.parseBinary(['~'], () => this.parseMath2());
  }

  private parseMath2(): Expression {
    return this.parseBinary(['*', '/', '//', '%'], () => this.parsePow());
  }

  private parsePow(): Expression {
    return this.parseBinary(['**'], () => this.parseUnary(true));
  }

  private parseBinary(operators: readonly string[], operand: () => Expression): Expression {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token?.type !== 'operator' || !operators.includes(token.value as string)) return left;
      this.position += 1;
      const operator = token.value as '+';
      left = { type: 'binary', operator, left, right: operand(), line: left.line };
    }
  }

  private parseUnary(withFilter: boolean): Expression {
    const line = this.currentLine();
    let expression: Expression;
    if (this.skipOperator('-')) expression = { type: 'negative', operand: this.parseUnary(false), line };
    else if (this.skipOperator('+')) expression = { type: 'positive', operand: this.parseUnary(false), line };
    else expression = this.parsePostfix(this.parsePrimary());
    return withFilter ? this.parseFilters(expression) : expression;
  }

  private parsePrimary(): Expression {
    const token = this.next();
    if (token === undefined) throw this.error('unexpected end of expression');
    const line = token.line;
    if (token.type === 'name') {
      const name = token.value as string;
      return Object.hasOwn(CONSTANTS, name)
        ? { type: 'literal', value: CONSTANTS[name], line }
        : { type: 'name', name, line };
    }
    if (token.type === 'number') return { type: 'literal', value: token.value, line };
    if (token.type === 'string') {
      let value = token.value as string;
      while (this.peek()?.type === 'string') value += this.next()!.value as string;
      return { type: 'literal', value, line };
    }
    switch (token.value) {
      case '(':
        return this.parseParenthesised(line);
      case '[':
        return { type: 'list', items: this.parseItems(']', () => this.parseExpression(true)), line };
      case '{':
        return { type: 'dict', entries: this.parseItems('}', () => this.parseDictEntry()), line };
      default:
        throw new TemplateError(`unexpected ${describe(token)}`, line);
    }
  }

  private parseParenthesised(line: number): Expression {
    if (this.skipOperator(')')) return { type: 'tuple', items: [], line };
    const first = this.parseExpression(true);
    if (this.skipOperator(')')) return first;
    this.expectOperator(',');
    const items = [first, ...this.parseItems(')', () => this.parseExpression(true))];
    return { type: 'tuple', items, line };
  }

  private parseDictEntry(): [Expression, Expression] {
    const key = this.parseExpression(true);
    this.expectOperator(':');
    return [key, this.parseExpression(true)];
  }

  /** Comma-separated items up to `close`; a trailing comma is allowed. */
  private parseItems<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    while (!this.skipOperator(close)) {
      if (items.length > 0) {
        this.expectOperator(',');
        if (this.skipOperator(close)) break;
      }
      items.push(item());
    }
    return items;
  }

  private parsePostfix(expression: Expression): Expression {
    for (;;) {
      const line = this.currentLine();
      if (this.skipOperator('.')) {
        const token = this.next();
        if (token?.type === 'name')
          expression = { type: 'attribute', object: expression, name: token.value as string, line };
        else if (token?.type === 'number' && Number.isInteger(token.value)) {
          expression = {
            type: 'item',
            object: expression,
            key: { type: 'literal', value: token.value, line },
            line,
          };
        } else throw this.error(`expected name or number after '.', got ${describe(token)}`);
      } else if (this.skipOperator('[')) {
        expression = this.parseSubscript(expression, line);
      } else if (this.skipOperator('(')) {
        expression = { type: 'call', callee: expression, ...this.parseArguments(), line };
      } else {
        return expression;
      }
    }
  }

  private parseSubscript(object: Expression, line: number): Expression {
    const start = this.peekOperator(':') ? undefined : this.parseExpression(true);
    if (start !== undefined && this.skipOperator(']')) return { type: 'item', object, key: start, line };
    this.expectOperator(':');
    const bound = () =>
      this.peekOperator(':') || this.peekOperator(']') ? undefined : this.parseExpression(true);
    const stop = bound();
    const step = this.skipOperator(':') ? bound() : undefined;
    this.expectOperator(']');
    return { type: 'slice', object, start, stop, step, line };
  }

  /** After `(`: positional arguments, then `name=value` ones, up to `)`. */
  private parseArguments(): CallArguments {
    const args: Expression[] = [];
    const kwargs: Array<[string, Expression]> = [];
    this.parseItems(')', () => {
      const token = this.peek();
      if (token?.type === 'name' && this.tokens[this.position + 1]?.value === '=') {
        this.position += 2;
        kwargs.push([token.value as string, this.parseExpression(true)]);
      } else {
        if (kwargs.length > 0) throw this.error('positional argument follows keyword argument');
        args.push(this.parseExpression(true));
      }
    });
    return { args, kwargs };
  }

  private parseFilters(expression: Expression): Expression {
    for (;;) {
      const line = this.currentLine();
      if (this.skipOperator('|')) {
        const name = this.expectName();
        this.mustExist(() => filterNamed(name));
        const call = this.skipOperator('(') ? this.parseArguments() : { args: [], kwargs: [] };
        expression = { type: 'filter', value: expression, name, ...call, line };
      } else if (this.skipName('is')) {
        const negated = this.skipName('not');
        const name = this.expectName();
        this.mustExist(() => testNamed(name));
        const call = this.skipOperator('(')
          ? this.parseArguments()
          : { args: this.startsTestArgument() ? [this.parsePostfix(this.parsePrimary())] : [], kwargs: [] };
        expression = { type: 'test', value: expression, name, negated, ...call, line };
      } else if (this.skipOperator('(')) {
        expression = { type: 'call', callee: expression, ...this.parseArguments(), line };
      } else {
        return expression;
      }
    }
  }

  /** Like Jinja2, an unknown filter or test fails the whole template, even in a branch never taken. */
  private mustExist(lookup: () => unknown): void {
    try {
      lookup();
    } catch (error) {
      throw error instanceof TemplateError ? this.error(error.reason) : error;
    }
  }

  /** Jinja2 reads `x is divisibleby 3` with one bare argument, unless the next word ends the test. */
  private startsTestArgument(): boolean {
    const token = this.peek();
    if (token === undefined) return false;
    if (token.type === 'name')
      return !['else', 'or', 'and', 'if', 'in', 'is', 'not'].includes(token.value as string);
    if (token.type === 'operator') return ['(', '[', '{'].includes(token.value as string);
    return true;
  }

  private expectOperator(operator: string): void {
    if (!this.skipOperator(operator))
      throw this.error(`expected '${operator}', got ${describe(this.peek())}`);
  }

  private peekOperator(operator: string): boolean {
    const token = this.peek();
    return token?.type === 'operator' && token.value === operator;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.position];
    if (token !== undefined) this.position += 1;
    return token;
  }

  private currentLine(): number {
    return this.peek()?.line ?? this.line;
  }
}

function describe(token: Token | undefined): string {
  if (token === undefined) return 'end of tag';
  return token.type === 'string' ? 'a string' : `'${String(token.value)}'`;
}
