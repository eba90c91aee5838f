import { isPythonExpression } from './python-expression';

describe("Validity's check that a test is one Python expression", () => {
  it.each([
    ['a comparison', 'device.name == "r1"'],
    ['a call with keyword arguments and a lambda default', 'sorted(xs, key=lambda x=1: -x)'],
    ['jq over the config', "jq.first('.ntp.servers', device.config) == ['1.1.1.1']"],
    ['a comprehension spread over lines', '[\n  i * 2\n  for i in range(5) if i % 2\n]'],
    ['a conditional expression', "'ODD' if x % 2 else 'EVEN'"],
    ['slices, dicts and a walrus in brackets', "{'a': xs[1:2], 'b': (n := 3)}"],
    ['implicit string concatenation with prefixes', "rb'\\d' b'x' == f'{y}' 'z'"],
    ['a triple-quoted string over lines', '"""a\nb""" in text'],
    ['a trailing comment and semicolon', 'x and not y;  # ok'],
    ['a line continuation', 'a + \\\n b'],
    ['a tuple with a trailing comma', 'a,'],
    ['yield from', 'yield from x'],
    ['unicode names', 'größe > 1'],
  ])('accepts %s', (_case, source) => {
    expect(isPythonExpression(source)).toBe(true);
  });

  it.each([
    ['nothing', ''],
    ['only a comment', '# nothing'],
    ['an assignment', 'a = 10 + 20'],
    ['an augmented assignment', 'a += 1'],
    ['an annotation', 'x: int'],
    ['a loop', 'for i in range(5): print(i)'],
    ['an if statement', 'if x % 2: res = "ODD"'],
    ['an import', 'import os'],
    ['a return', 'return x'],
    ['two statements', 'a; b'],
    ['two logical lines', 'a\nb'],
    ['an unbalanced bracket', 'f(a'],
    ['a mismatched bracket', 'f(a]'],
    ['an unterminated string', "'abc"],
    ['a string broken by a newline', "'a\nb'"],
    ['a stray character', 'a $ b'],
    ['two operands in a row', 'print "x"'],
    ['a dangling operator', 'a +'],
    ['an operator without left operand', '== b'],
    ['a dangling keyword', 'a and'],
    ['an assignment inside a list', '[a = 1]'],
    ['a bare walrus', 'y := 1'],
    ['a bare generator', 'x for x in y'],
  ])('refuses %s', (_case, source) => {
    expect(isPythonExpression(source)).toBe(false);
  });
});
