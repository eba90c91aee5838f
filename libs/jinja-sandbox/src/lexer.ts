import { TemplateError } from './template-error';

export type TokenType = 'name' | 'number' | 'string' | 'operator';

export interface Token {
  type: TokenType;
  /** Names and operators as written; strings unescaped; numbers as parsed. */
  value: string | number;
  line: number;
}

/**
 * A template split into literal text, `{{ expression }}` and `{% statement %}` parts. A text part is
 * `source.slice(start, start + text.length)` of the lexed template's (normalised) source.
 */
export type Segment =
  | { kind: 'text'; text: string; start: number }
  | { kind: 'output' | 'statement'; tokens: Token[]; line: number };

export interface LexedTemplate {
  /** The source as Jinja2 reads it: newlines normalised to `\n`, one trailing newline dropped. */
  source: string;
  segments: Segment[];
  /** The line the template ends on, where Jinja2 reports an unclosed block. */
  lastLine: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?/y;
const OPERATORS = ['//', '**', '==', '!=', '>=', '<=', ...'+-/*%~[](){}<>=.:|,'];
const CLOSING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

/**
 * Jinja2's lexer with its default settings: `{{ }}`, `{% %}`, `{# #}`, `-` whitespace control,
 * `{% raw %}`, newlines normalised to `\n` and one trailing newline dropped (`keep_trailing_newline`
 * off). As in Jinja2, a closing `}}` or `%}` inside brackets belongs to the expression.
 */
export function lex(source: string): LexedTemplate {
  const normalized = normalizeNewlines(source);
  const lexer = new Lexer(normalized);
  const segments = lexer.run();
  return { source: normalized, segments, lastLine: lexer.lastLine };
}

function normalizeNewlines(source: string): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

class Lexer {
  private position = 0;
  private line = 1;
  private readonly segments: Segment[] = [];
  private stripNextText = false;

  constructor(private readonly source: string) {}

  get lastLine(): number {
    return this.line;
  }

  run(): Segment[] {
    while (this.position < this.source.length) {
      const opening = this.nextOpening();
      const textEnd = opening === -1 ? this.source.length : opening;
      const [unstripped, start] = this.readText(textEnd);
      let text = unstripped;
      if (opening === -1) {
        this.pushText(text, start);
        break;
      }
      const kind = this.source[opening + 1];
      this.position += 2;
      if (this.source[this.position] === '-') text = text.replace(/\s+$/, '');
      if (this.source[this.position] === '-' || this.source[this.position] === '+') this.position += 1;
      this.pushText(text, start);
      if (kind === '#') this.skipComment();
      else this.readTag(kind === '{' ? 'output' : 'statement');
    }
    return this.segments;
  }

  private nextOpening(): number {
    const match = /\{[{%#]/g;
    match.lastIndex = this.position;
    return match.exec(this.source)?.index ?? -1;
  }

  private skipComment(): void {
    const end = this.source.indexOf('#}', this.position);
    if (end === -1) throw this.error('missing end of comment tag');
    this.stripNextText = this.source[end - 1] === '-';
    this.advanceTo(end + 2);
  }

  private readTag(kind: 'output' | 'statement'): void {
    const line = this.line;
    const end = kind === 'output' ? '}}' : '%}';
    const tokens: Token[] = [];
    const brackets: string[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.position >= this.source.length) {
        throw this.error(`unexpected end of template, expected '${end}'`);
      }
      if (brackets.length === 0 && this.closes(end)) break;
      const token = this.readToken();
      if (token.type === 'operator') trackBracket(brackets, token, this);
      tokens.push(token);
    }
    if (tokens.length === 0) throw this.error('expected an expression, got nothing');
    const isRaw = kind === 'statement' && tokens.length === 1 && tokens[0].value === 'raw';
    if (isRaw) this.readRaw();
    else this.segments.push({ kind, tokens, line });
  }

  /** Consumes `-}}`, `}}` (or the `%}` forms) at the cursor; `-` strips the whitespace after the tag. */
  private closes(end: string): boolean {
    const rest = this.source.slice(this.position, this.position + 3);
    if (rest.startsWith(`-${end}`) || rest.startsWith(`+${end}`)) {
      this.stripNextText = rest[0] === '-';
      this.position += 3;
      return true;
    }
    if (rest.startsWith(end)) {
      this.position += 2;
      return true;
    }
    return false;
  }

  private readRaw(): void {
    const endRaw = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
    endRaw.lastIndex = this.position;
    const match = endRaw.exec(this.source);
    if (!match) throw this.error("missing end of raw directive ('endraw')");
    const [unstripped, start] = this.readText(match.index);
    const text = match[1] === '-' ? unstripped.replace(/\s+$/, '') : unstripped;
    this.segments.push({ kind: 'text', text, start });
    this.advanceTo(match.index + match[0].length);
    this.stripNextText = match[2] === '-';
  }

  private readToken(): Token {
    const line = this.line;
    const name = this.match(NAME);
    if (name !== undefined) return { type: 'name', value: name, line };
    const number = this.match(NUMBER);
    if (number !== undefined) return { type: 'number', value: Number(number.replace(/_/g, '')), line };
    const char = this.source[this.position];
    if (char === "'" || char === '"') return { type: 'string', value: this.readString(), line };
    const operator = OPERATORS.find((candidate) => this.source.startsWith(candidate, this.position));
    if (operator === undefined) throw this.error(`unexpected char ${JSON.stringify(char)}`);
    this.position += operator.length;
    return { type: 'operator', value: operator, line };
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.source)?.[0];
    if (found !== undefined) this.position += found.length;
    return found;
  }

  /** A Python string literal with Python's escapes; an unknown escape keeps its backslash. */
  private readString(): string {
    const quote = this.source[this.position];
    let value = '';
    let index = this.position + 1;
    for (;;) {
      const char = this.source[index];
      if (char === undefined) throw this.error('unexpected end of string');
      if (char === quote) break;
      if (char !== '\\') {
        value += char;
        index += 1;
        continue;
      }
      const [text, length] = unescape(this.source, index + 1, (message) => this.error(message));
      value += text;
      index += 1 + length;
    }
    this.advanceTo(index + 1);
    return value;
  }

  private skipWhitespace(): void {
    const whitespace = /\s*/y;
    whitespace.lastIndex = this.position;
    const match = whitespace.exec(this.source);
    if (match) this.advanceTo(this.position + match[0].length);
  }

  private advanceTo(position: number): string {
    const text = this.source.slice(this.position, position);
    for (const char of text) if (char === '\n') this.line += 1;
    this.position = position;
    return text;
  }

  /** Text up to `end`, without the whitespace a preceding `-}}`/`-%}`/`-#}` strips, and where it starts. */
  private readText(end: number): [string, number] {
    const text = this.advanceTo(end);
    const stripped = this.stripNextText ? text.replace(/^\s+/, '') : text;
    this.stripNextText = false;
    return [stripped, end - stripped.length];
  }

  private pushText(text: string, start: number): void {
    if (text !== '') this.segments.push({ kind: 'text', text, start });
  }

  error(message: string): TemplateError {
    return new TemplateError(message, this.line);
  }
}

function trackBracket(brackets: string[], token: Token, lexer: Lexer): void {
  const operator = token.value as string;
  if (operator === '(' || operator === '[' || operator === '{') brackets.push(operator);
  else if (operator in CLOSING) {
    if (brackets.pop() !== CLOSING[operator]) throw lexer.error(`unexpected '${operator}'`);
  }
}

/** One escape after a backslash at `index`: its text and how many characters it used. */
function unescape(source: string, index: number, fail: (message: string) => TemplateError): [string, number] {
  const char = source[index];
  if (char === undefined) return ['\\', 0];
  if (Object.hasOwn(SIMPLE_ESCAPES, char)) return [SIMPLE_ESCAPES[char], 1];
  const hexDigits = char === 'x' ? 2 : char === 'u' ? 4 : char === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const hex = source.slice(index + 1, index + 1 + hexDigits);
    if (!new RegExp(`^[0-9a-fA-F]{${hexDigits}}$`).test(hex)) {
      throw fail(`truncated \\${char} escape in a string literal`);
    }
    const codePoint = parseInt(hex, 16);
    if (codePoint > 0x10ffff) throw fail(`illegal Unicode character \\${char}${hex}`);
    return [String.fromCodePoint(codePoint), 1 + hexDigits];
  }
  const octal = /^[0-7]{1,3}/.exec(source.slice(index, index + 3));
  if (octal) return [String.fromCodePoint(parseInt(octal[0], 8)), octal[0].length];
  return [`\\${char}`, 1];
}
