import { pythonRepr } from '@validity/contracts';
import { type PythonRegex, compilePythonRegex } from './compile-python-regex';

// Expected values computed with Python 3.11's `re`: `bool(re.match(pattern, subject))`, and `str(error)`
// for patterns `re.compile` rejects.
const MATCH_CASES: [pattern: string, subject: string, matched: boolean][] = [
  ['b', 'ab', false],
  ['a', 'ab', true],
  ['ab', 'ab', true],
  ['b$', 'ab', false],
  ['.*b$', 'ab', true],
  ['a|b', 'b', true],
  ['x|a', 'ab', true],
  ['a$', 'a\n', true],
  ['a$', 'a\n\n', false],
  ['a\\Z', 'a\n', false],
  ['^b', 'a\nb', false],
  ['(?m)^a$\\n^b$', 'a\nb', true],
  ['(?m).*^b', 'a\nb', false],
  ['.', '\n', false],
  ['(?s).', '\n', true],
  ['a.c', 'a\rc', true],
  ['a.c', 'a\u2028c', true],
  ['\\d+$', '٣٤', true],
  ['(?a)\\d', '٣', false],
  ['\\w+$', 'été_1', true],
  ['(?a)\\w+$', 'été', false],
  ['\\s', '\u001c', true],
  ['\\s', '\ufeff', false],
  ['\\S', '\ufeff', true],
  ['\\s', '\u0085', true],
  ['(?a)\\bfoo\\b', 'foo bar', true],
  ['(?a)é\\b', 'éa', true],
  ['(?a)\\B', '', false],
  ['(?a)-\\B', '-', true],
  ['(?a)a\\B', 'a', false],
  ['(?a)a\\Bb', 'ab', true],
  ['(?i)straße', 'STRASSE', false],
  ['(?i)k', 'K', true],
  ['(?i)s', 'ſ', true],
  ['(?i)i', 'İ', true],
  ['(?i)I', 'ı', true],
  ['(?i)[a-z]+$', 'İı', true],
  ['(?i)[^i]', 'ı', false],
  ['(?i)σ', 'ς', true],
  ['(?P<x>a|b)c', 'bc', true],
  ['(?<=a)b', 'ab', false],
  ['a(?<=a)b', 'ab', true],
  ['a(?<!a)b', 'ab', false],
  ['(?<=a)*b', 'b', true],
  ['(?<!x)a', 'a', true],
  ['a(?<=(a))b', 'ab', true],
  ['(a$|b$)', 'b\n', true],
  ['(?:a$)?', 'b', true],
  ['(?m)a$\\nb', 'a\nb', true],
  ['[\\Wa]', 'a', true],
  ['[\\Wa]', '!', true],
  ['[\\Wa]', 'b', false],
  ['[^\\Wa]', 'b', true],
  ['[^\\Wa]', 'a', false],
  ['[^\\Wa]', '!', false],
  ['(?i)[^\\Wi]', 'İ', false],
  ['[\\S]', ' ', false],
  ['[\\D]', '٣', false],
  ['(?a)[\\W]', 'é', true],
  ['(?s).$', '\n\n', true],
  ['a{2}', 'aa', true],
  ['a{2}', 'a', false],
  ['a{,2}b', 'aab', true],
  ['a{2,}', 'aa', true],
  ['a{x', 'a{x', true],
  ['a{1, 2}', 'a{1, 2}', true],
  ['{', '{', true],
  ['a{}', 'a{}', true],
  ['x*?y', 'xxy', true],
  ['[]a]', 'a', true],
  ['[]a]', ']', true],
  ['[^]a]', ']', false],
  ['[a-]', '-', true],
  ['[\\w]', 'é', true],
  ['[\\W]', 'é', false],
  ['[^\\W\\d]', '1', false],
  ['[^\\W\\d]', 'a', true],
  ['\\x41\\u00e9\\U0001F600', 'Aé😀', true],
  ['\\101\\0', 'A\u0000', true],
  ['\\08', '\u00008', true],
  ['\\a\\f\\v', '\u0007\f\u000b', true],
  ['[\\b]', '\b', true],
  ['(?x) a b  # comment\n c', 'abc', true],
  ['(?x)a\\ b', 'a b', true],
  ['(?x)[ ]', ' ', true],
  ['a(?#comment)b', 'ab', true],
  ['😀.', '😀x', true],
  ['.{2}$', '😀😀', true],
  ['[😀-😂]', '😁', true],
  ['\\.', '.', true],
  ['\\-', '-', true],
  ['\\é', 'é', true],
  ['', '', true],
  ['', 'abc', true],
  ['(?:)', 'x', true],
];
const PYTHON_ERRORS: [pattern: string, message: string][] = [
  ['(', 'missing ), unterminated subpattern at position 0'],
  [')', 'unbalanced parenthesis at position 0'],
  ['[a', 'unterminated character set at position 0'],
  ['a**', 'multiple repeat at position 2'],
  ['*', 'nothing to repeat at position 0'],
  ['a{2,1}', 'min repeat greater than max repeat at position 2'],
  ['(?P<1>a)', "bad character in group name '1' at position 4"],
  ['(?P<a>a)(?P<a>b)', "redefinition of group name 'a' as group 2; was group 1 at position 12"],
  ['(?P=b)', "unknown group name 'b' at position 4"],
  ['\\1', 'invalid group reference 1 at position 1'],
  ['(a\\1)', 'cannot refer to an open group at position 2'],
  ['\\q', 'bad escape \\q at position 0'],
  ['[\\A]', 'bad escape \\A at position 1'],
  ['\\x4', 'incomplete escape \\x4 at position 0'],
  ['\\u12', 'incomplete escape \\u12 at position 0'],
  ['\\U00110000', 'bad escape \\U00110000 at position 0'],
  ['(?<n>a)', 'unknown extension ?<n at position 1'],
  ['a(?i)', 'global flags not at the start of the expression at position 1'],
  ['(?L)a', "bad inline flags: cannot use 'L' flag with a str pattern at position 3"],
  ['(?au)a', "bad inline flags: flags 'a', 'u' and 'L' are incompatible at position 4"],
  ['(?a)(?u)a', 'ASCII and UNICODE flags are incompatible'],
  ['[z-a]', 'bad character range z-a at position 1'],
  ['[\\d-z]', 'bad character range \\d-z at position 1'],
  ['\\400', 'octal escape value \\400 outside of range 0-0o377 at position 0'],
  ['[\\8]', 'bad escape \\8 at position 1'],
  ['(?<=a+)b', 'look-behind requires fixed-width pattern'],
  ['(?<=a|bc)d', 'look-behind requires fixed-width pattern'],
  ['(?P>a)', 'unknown extension ?P> at position 1'],
  ['(?#abc', 'missing ), unterminated comment at position 0'],
  ['(?', 'unexpected end of pattern at position 2'],
  ['(?P', 'unexpected end of pattern at position 3'],
  ['(?Px)', 'unknown extension ?Px at position 1'],
  ['(?P<a', 'missing >, unterminated name at position 4'],
  ['(?P<>a)', 'missing group name at position 4'],
  ['\\Z*', 'nothing to repeat at position 2'],
  ['^*', 'nothing to repeat at position 1'],
  ['\\', 'bad escape (end of pattern) at position 0'],
  ['a\\', 'bad escape (end of pattern) at position 1'],
  ['(?iq)', 'unknown flag at position 3'],
  ['(?i', 'missing -, : or ) at position 3'],
  ['a{4294967295}', 'the repetition number is too large'],
  ['ab\n(', 'missing ), unterminated subpattern at position 3 (line 2, column 1)'],
  ['x\ny)', 'unbalanced parenthesis at position 3 (line 2, column 2)'],
  ['(?<=(a)\\1)', 'cannot refer to group defined in the same lookbehind subpattern at position 9'],
];

function compiled(pattern: string): PythonRegex {
  const result = compilePythonRegex(pattern);
  if (!result.ok) throw new Error(result.message);
  return result.regex;
}

describe('compilePythonRegex', () => {
  it.each(MATCH_CASES)('re.match(%j, %j) is %s', (pattern, subject, matched) => {
    expect(compiled(pattern).test(subject)).toBe(matched);
  });

  it.each(PYTHON_ERRORS)("rejects %j with Python's message: %s", (pattern, message) => {
    expect(compilePythonRegex(pattern)).toEqual({
      ok: false,
      message: `Invalid regular expression ${pythonRepr(pattern)}: ${message}`,
    });
  });

  it.each([
    ['(?>a)', 'atomic groups (?>...) are not supported (position 0)'],
    ['a*+', 'possessive quantifiers are not supported (position 2)'],
    ['(a)(?(1)b|c)', 'conditional groups (?(...)...) are not supported (position 3)'],
    ['(?i:a)', 'scoped inline flags (?flags:...) are not supported (position 0)'],
    ['(?-i:a)', 'scoped inline flags (?flags:...) are not supported (position 0)'],
    ['\\N{EM DASH}', 'named Unicode escapes \\N{...} are not supported (position 0)'],
    ['(?t)a', 'the TEMPLATE flag (?t) is not supported (position 0)'],
    ['(?ai)a', 'the ASCII flag (?a) combined with IGNORECASE (?i) is not supported'],
    ['(?P<x>a|b)(?P=x)', 'backreferences are not supported (position 10)'],
    ['(a)\\1', 'backreferences are not supported (position 3)'],
    ['(?=a)a', 'lookahead assertions (?=...) and (?!...) are not supported (position 0)'],
    ['(?!a).', 'lookahead assertions (?=...) and (?!...) are not supported (position 0)'],
    [
      '\\bfoo',
      'the Unicode word boundary \\b is not supported (the ASCII flag (?a) makes it ASCII) (position 0)',
    ],
    [
      'a\\B',
      'the Unicode word boundary \\B is not supported (the ASCII flag (?a) makes it ASCII) (position 1)',
    ],
    ['a$b', 'a $ followed by more of the pattern is not supported (position 2)'],
    ['(a$)b', 'a $ followed by more of the pattern is not supported (position 4)'],
    ['(a$)+', 'a $ followed by more of the pattern is not supported (position 4)'],
    ['(?<=a$)', 'a $ inside a lookbehind is not supported (position 0)'],
    ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
  ])('refuses %j, which Python accepts but RE2 cannot evaluate faithfully: %s', (pattern, reason) => {
    expect(compilePythonRegex(pattern)).toEqual({
      ok: false,
      message: `Unsupported regular expression ${pythonRepr(pattern)}: ${reason}`,
    });
  });

  it('reports a Python error that comes after an unsupported construct, as Python would', () => {
    expect(compilePythonRegex('(a)\\1(')).toEqual({
      ok: false,
      message: `Invalid regular expression ${pythonRepr('(a)\\1(')}: missing ), unterminated subpattern at position 5`,
    });
  });

  it('matches a catastrophic-backtracking pattern in time linear in the subject', () => {
    // Under a backtracking engine each extra "a" doubles the work: 40 of them take minutes.
    const subject = `${'a'.repeat(50_000)}!`;
    expect(compiled('(a+)+$').test(subject)).toBe(false);
    expect(compiled('(a|a)*$').test(subject)).toBe(false);
    expect(compiled('(?:a*)*b').test(subject)).toBe(false);
  });

  it('ignores the matches state between calls (no sticky or global flag)', () => {
    const regex = compiled('a');
    expect([regex.test('a'), regex.test('a')]).toEqual([true, true]);
  });
});
