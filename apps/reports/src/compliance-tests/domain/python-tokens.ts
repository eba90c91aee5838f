export type PythonTokenKind = 'name' | 'number' | 'string' | 'operator' | 'open' | 'close' | 'newline';

export interface PythonToken {
  kind: PythonTokenKind;
  text: string;
  /** The innermost open bracket when the token starts (`''` at the top level). */
  bracket: '' | '(' | '[' | '{';
}

const CLOSING: Readonly<Record<string, '(' | '[' | '{'>> = { ')': '(', ']': '[', '}': '{' };
const NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u;
const NUMBER =
  /^(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/;
const STRING_START = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?('''|"""|'|")/;
/** Longest first, so `**=` is read as one operator, not `*` `*=`. */
// prettier-ignore
const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', ',', ':', '.', ';', '=',
];

/**
 * Python's tokenizer, reduced to what `isPythonExpression` needs: names, numbers, strings (prefixes,
 * triple quotes, escapes), operators, brackets (kept balanced), comments, line continuations, and a
 * `newline` token wherever a logical line ends. Returns `undefined` for text Python cannot tokenize:
 * an unknown character, an unterminated string, an unbalanced bracket.
 */
export function tokenizePython(source: string): PythonToken[] | undefined {
  const tokens: PythonToken[] = [];
  const open: Array<'(' | '[' | '{'> = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const bracket = open.at(-1) ?? '';
    const char = source[at];
    if (char === ' ' || char === '\t' || char === '\f' || char === '\r') at += 1;
    else if (rest.startsWith('\\\n') || rest.startsWith('\\\r\n')) at += rest.startsWith('\\\n') ? 2 : 3;
    else if (char === '#') at = lineEnd(source, at);
    else if (char === '\n') {
      if (bracket === '' && tokens.length > 0 && tokens.at(-1)!.kind !== 'newline') {
        tokens.push({ kind: 'newline', text: '\n', bracket });
      }
      at += 1;
    } else if (STRING_START.test(rest)) {
      const end = stringEnd(source, at);
      if (end === undefined) return undefined;
      tokens.push({ kind: 'string', text: source.slice(at, end), bracket });
      at = end;
    } else if (NUMBER.test(rest) && /[\d.]/.test(char) && !rest.startsWith('...')) {
      const text = NUMBER.exec(rest)![0];
      tokens.push({ kind: 'number', text, bracket });
      at += text.length;
    } else if (NAME.test(rest)) {
      const text = NAME.exec(rest)![0];
      tokens.push({ kind: 'name', text, bracket });
      at += text.length;
    } else if (char === '(' || char === '[' || char === '{') {
      tokens.push({ kind: 'open', text: char, bracket });
      open.push(char);
      at += 1;
    } else if (CLOSING[char] !== undefined) {
      if (open.pop() !== CLOSING[char]) return undefined;
      tokens.push({ kind: 'close', text: char, bracket: open.at(-1) ?? '' });
      at += 1;
    } else {
      const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
      if (operator === undefined) return undefined;
      tokens.push({ kind: 'operator', text: operator, bracket });
      at += operator.length;
    }
  }
  if (open.length > 0) return undefined;
  if (tokens.at(-1)?.kind === 'newline') tokens.pop();
  return tokens;
}

function lineEnd(source: string, from: number): number {
  const newline = source.indexOf('\n', from);
  return newline === -1 ? source.length : newline;
}

/** Index just past the string literal starting at `from`, or undefined when it never ends. */
function stringEnd(source: string, from: number): number | undefined {
  const [prefixAndQuote, quote] = STRING_START.exec(source.slice(from))!;
  const triple = quote.length === 3;
  let at = from + prefixAndQuote.length;
  while (at < source.length) {
    if (source[at] === '\\') at += 2;
    else if (source.startsWith(quote, at)) return at + quote.length;
    else if (source[at] === '\n' && !triple) return undefined;
    else at += 1;
  }
  return undefined;
}
