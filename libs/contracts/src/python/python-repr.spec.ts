import { pythonRepr, pythonStr } from './python-repr';

// Expected values computed with Python 3.11: `repr(json.loads(...))` of the same values.
const REPR_CASES: [value: unknown, repr: string][] = [
  [null, 'None'],
  [true, 'True'],
  [false, 'False'],
  [0, '0'],
  [-17, '-17'],
  [1.5, '1.5'],
  [1e-5, '1e-05'],
  [2.5e-7, '2.5e-07'],
  [123456789012345.6, '123456789012345.6'],
  ['', "''"],
  ['abc', "'abc'"],
  ["it's", '"it\'s"'],
  ['say "hi"', '\'say "hi"\''],
  ['both \' and "', "'both \\' and \"'"],
  ['back\\slash', "'back\\\\slash'"],
  ['tab\there\nnl\rcr', "'tab\\there\\nnl\\rcr'"],
  ['\u0000\u001f\u007f', "'\\x00\\x1f\\x7f'"],
  ['\u0080\u00a0\u00ad', "'\\x80\\xa0\\xad'"],
  ['café 中文', "'café 中文'"],
  ['😀', "'😀'"],
  ['\u2028', "'\\u2028'"],
  ['\ud800', "'\\ud800'"],
  ['\u{e0001}', "'\\U000e0001'"],
  [[], '[]'],
  [[1, 'a', null, [true]], "[1, 'a', None, [True]]"],
  [{}, '{}'],
  [{ a: 1, b: [null, { c: 'd' }] }, "{'a': 1, 'b': [None, {'c': 'd'}]}"],
];

describe('pythonRepr', () => {
  it.each(REPR_CASES)('writes %j as Python repr: %s', (value, repr) => {
    expect(pythonRepr(value)).toBe(repr);
  });

  it('writes integral numbers as Python ints, since JavaScript cannot tell the JSON float 1.0 from 1', () => {
    expect([pythonRepr(1.0), pythonRepr(1e21)]).toEqual(['1', '1000000000000000000000']);
  });

  it('writes values JSON cannot carry as an opaque object', () => {
    expect(pythonRepr(() => 1)).toBe('<object>');
  });
});

describe('pythonStr', () => {
  it('writes a string as itself and anything else as its repr, as an f-string does', () => {
    expect([pythonStr("it's"), pythonStr(null), pythonStr(['eq'])]).toEqual(["it's", 'None', "['eq']"]);
  });
});
