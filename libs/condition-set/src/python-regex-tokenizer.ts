import { pythonLength } from '@validity/contracts';
import { PythonRegexError } from './python-regex.error';

/**
 * A port of CPython 3.11's `re._parser.Tokenizer`, so that errors carry Python's positions. A token is
 * one code point, or a backslash and the code point after it; positions count code points. Like
 * Python's, it reads one token ahead: a pattern ending in a lone backslash fails as soon as that
 * backslash becomes the next token.
 */
export class PythonRegexTokenizer {
  private readonly chars: readonly string[];
  private index = 0;
  private nextStart = 0;
  next: string | undefined;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
    this.advance();
  }

  match(token: string): boolean {
    if (this.next !== token) return false;
    this.advance();
    return true;
  }

  get(): string | undefined {
    const token = this.next;
    this.advance();
    return token;
  }

  /** Up to `count` tokens from `charset`, as Python's `getwhile`. */
  getWhile(count: number, charset: string): string {
    let result = '';
    for (let taken = 0; taken < count && this.nextIsIn(charset); taken += 1) result += this.get();
    return result;
  }

  /** Tokens up to `terminator` (consumed), as Python's `getuntil`, used for group names. */
  getUntil(terminator: string, name: string): string {
    let result = '';
    for (;;) {
      const token = this.get();
      if (token === undefined) {
        if (result === '') throw this.error(`missing ${name}`);
        throw this.error(`missing ${terminator}, unterminated name`, pythonLength(result));
      }
      if (token === terminator) {
        if (result === '') throw this.error(`missing ${name}`, 1);
        return result;
      }
      result += token;
    }
  }

  nextIsIn(charset: string): boolean {
    return this.next !== undefined && charset.includes(this.next);
  }

  /** Position of the next token, or the pattern length at its end. */
  tell(): number {
    return this.next === undefined ? this.chars.length : this.nextStart;
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  /** Python's `source.error(msg, offset)`: the position is `offset` code points before the next token. */
  error(message: string, offset = 0): PythonRegexError {
    return positionedError(message, this.chars, this.tell() - offset);
  }

  private advance(): void {
    this.nextStart = this.index;
    const char = this.chars[this.index];
    if (char !== '\\') {
      this.next = char;
      if (char !== undefined) this.index += 1;
      return;
    }
    const escaped = this.chars[this.index + 1];
    if (escaped === undefined) {
      throw positionedError('bad escape (end of pattern)', this.chars, this.chars.length - 1);
    }
    this.next = char + escaped;
    this.index += 2;
  }
}

/** `re.error`'s text: the position, plus line and column when the pattern has more than one line. */
function positionedError(message: string, chars: readonly string[], position: number): PythonRegexError {
  const text = `${message} at position ${position}`;
  if (!chars.includes('\n')) return new PythonRegexError(text);
  const before = chars.slice(0, position);
  const line = before.filter((char) => char === '\n').length + 1;
  const column = position - before.lastIndexOf('\n');
  return new PythonRegexError(`${text} (line ${line}, column ${column})`);
}
