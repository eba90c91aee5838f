import { tokenizePython, type PythonToken } from './python-tokens';

/** Keywords that only ever begin or belong to statements, never to an expression. */
// prettier-ignore
const STATEMENT_KEYWORDS = new Set([
  'as', 'assert', 'break', 'class', 'continue', 'def', 'del', 'elif', 'except', 'finally', 'from',
  'global', 'import', 'nonlocal', 'pass', 'raise', 'return', 'try', 'while', 'with',
]);
const VALUE_KEYWORDS = new Set(['True', 'False', 'None']);
// prettier-ignore
const KEYWORDS = new Set([
  ...STATEMENT_KEYWORDS, ...VALUE_KEYWORDS,
  'and', 'async', 'await', 'else', 'for', 'if', 'in', 'is', 'lambda', 'not', 'or', 'yield',
]);
/** Keywords that need an operand on their left. */
const INFIX_KEYWORDS = new Set(['and', 'or', 'in', 'is', 'if', 'else']);
/** Operators that need an operand on their left (the others can also be prefixes: `-x`, `*args`). */
// prettier-ignore
const INFIX_OPERATORS = new Set([
  ',', '/', '//', '%', '@', '==', '!=', '<', '>', '<=', '>=', '|', '&', '^', '<<', '>>', '.', '=', ':=',
]);
/** Operators of statements only: augmented assignments and return annotations. */
// prettier-ignore
const STATEMENT_OPERATORS = new Set([
  '+=', '-=', '*=', '/=', '//=', '%=', '@=', '&=', '|=', '^=', '>>=', '<<=', '**=', '->',
]);

/**
 * Validity's rule for a test's `expression`: Python must parse it as exactly one expression statement
 * (`ast.parse(text).body` is one `ast.Expr`), else `{"expression": ["Invalid Python expression"]}`.
 *
 * CPython is not available to this service, so this is a lexical approximation of that parse. It
 * refuses what the tokenizer refuses (unbalanced brackets, unterminated strings, stray characters),
 * more than one statement (`;`, a second logical line), statements (`import x`, `x = 1`, `x += 1`,
 * `if x: y`, `for ...`, `return x`), two operands in a row (`a b`, `print "x"`), and operators or
 * infix keywords without an operand on either side (`a +`, `== b`, `a and`). It may accept a few
 * texts Python refuses (e.g. `f(a=)`, `(a = 1)`), never the other way round for the cases above.
 */
export function isPythonExpression(source: string): boolean {
  const tokens = tokenizePython(source);
  if (tokens === undefined) return false;
  if (tokens.at(-1)?.text === ';') tokens.pop();
  if (tokens.length === 0 || tokens.some((token) => token.kind === 'newline' || token.text === ';')) {
    return false;
  }
  const last = tokens.at(-1)!;
  // A trailing comma makes a tuple (`a,`); any other operator or keyword at the end lacks its operand.
  if (isKeyword(tokens[0], 'if') || !(endsAnOperand(last) || last.text === ',')) return false;
  const lambdaParameters: string[] = [];
  for (const [index, token] of tokens.entries()) {
    const previous = tokens[index - 1] as PythonToken | undefined;
    const left = previous === undefined ? false : endsAnOperand(previous);
    if (STATEMENT_OPERATORS.has(token.text) && token.kind === 'operator') return false;
    if (token.kind === 'name' && STATEMENT_KEYWORDS.has(token.text)) {
      if (!(token.text === 'from' && previous !== undefined && isKeyword(previous, 'yield'))) return false;
    }
    if (isKeyword(token, 'for') && token.bracket === '') return false;
    if (isKeyword(token, 'lambda')) lambdaParameters.push(token.bracket);
    const inLambdaParameters = lambdaParameters.at(-1) === token.bracket;
    if (token.text === ':' && token.kind === 'operator') {
      if (inLambdaParameters) lambdaParameters.pop();
      else if (token.bracket === '') return false;
    }
    if (token.text === '=' && token.kind === 'operator' && token.bracket !== '(' && !inLambdaParameters) {
      return false;
    }
    if (token.text === ':=' && token.bracket === '') return false;
    const needsLeft =
      (token.kind === 'operator' && INFIX_OPERATORS.has(token.text)) ||
      (token.kind === 'name' && INFIX_KEYWORDS.has(token.text));
    if (needsLeft && !left) return false;
    if (left && startsAnOperand(token) && !(token.kind === 'string' && previous?.kind === 'string')) {
      return false;
    }
  }
  return true;
}

function isKeyword(token: PythonToken, keyword: string): boolean {
  return token.kind === 'name' && token.text === keyword;
}

function isOperand(token: PythonToken): boolean {
  if (token.kind === 'number' || token.kind === 'string') return true;
  if (token.kind === 'name') return !KEYWORDS.has(token.text) || VALUE_KEYWORDS.has(token.text);
  return false;
}

/** The token can be the last one of an operand: `x`, `1`, `'s'`, `)`, `...`, a bare `yield`. */
function endsAnOperand(token: PythonToken): boolean {
  return isOperand(token) || token.kind === 'close' || token.text === '...' || isKeyword(token, 'yield');
}

/** The token can only begin a new operand, so it cannot follow one directly. */
function startsAnOperand(token: PythonToken): boolean {
  return isOperand(token) || ['lambda', 'await', 'yield'].some((keyword) => isKeyword(token, keyword));
}
