import { readFixture } from '../fixtures/read-fixture';
import type { JsonValue } from './json-value';
import { NonJsonValueError } from './non-json-value.error';
import { pythonJsonDumps } from './python-json-dumps';

// The same values as JSON_DUMPS_CASES in fixtures/generate.py; the fixtures hold Python's output for them.
const CASES: [fixture: string, value: JsonValue][] = [
  ['non-ascii', { text: 'café 中文 😀', line_separators: 'a\u2028b\u2029c', clé: 'ü' }],
  ['lone-surrogate', ['\ud800', 'x\udfffy']],
  [
    'control-characters',
    {
      short_escapes: '\b\f\n\r\t',
      other_controls: Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).join('') + '\x7f',
    },
  ],
  [
    'quotes-and-backslashes',
    { quote: 'say "hi"', backslash: 'C:\\path\\to', slash_not_escaped: 'a/b</script>', escaped_quote: '\\"' },
  ],
  ['nulls', { a: null, b: [null, null], c: { d: null } }],
  [
    'nested',
    {
      list: [1, [2, [3, { x: [] }]], { y: { z: 'deep' } }],
      insertion_order: { b: 1, a: 2, c: { z: 1, y: 2 } },
    },
  ],
  ['empty-containers', { empty_object: {}, empty_list: [], list_of_empties: [{}, []], empty_string: '' }],
  [
    'numbers',
    {
      zero: 0,
      negative: -17,
      max_safe_integer: 9007199254740991,
      int_beyond_exponent_switch: 1e21,
      pi: 3.14,
      negative_float: -2.5,
      ten_thousandth: 0.0001,
      small: 1.5e-5,
      smaller: 2.5e-7,
      smallest: 5e-324,
      large_fraction: 123456789012345.6,
    },
  ],
  ['scalars-in-list', [1, 'two', null, true, false]],
];

describe('pythonJsonDumps', () => {
  it.each(CASES)('writes the %s case exactly as Python json.dumps', (fixture, value) => {
    expect(pythonJsonDumps(value)).toBe(readFixture(`python-json-dumps/${fixture}.json`));
  });

  it('escapes astral characters as a lowercase surrogate pair', () => {
    expect(pythonJsonDumps('😀')).toBe('"\\ud83d\\ude00"');
  });

  it('omits object members whose value is undefined', () => {
    expect(pythonJsonDumps({ a: 1, b: undefined, c: 2 })).toBe('{"a": 1, "c": 2}');
  });

  it('writes an integral number as an int, because JavaScript cannot tell 1.0 from 1', () => {
    expect(pythonJsonDumps([1.0, -0])).toBe('[1, 0]');
  });

  it('lists integer-like keys first, as JavaScript objects order them', () => {
    expect(pythonJsonDumps({ b: 1, 2: 2 })).toBe('{"2": 2, "b": 1}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, JsonValue>, { a: 1 });
    expect(pythonJsonDumps(bare)).toBe('{"a": 1}');
  });

  it.each([NaN, Infinity, -Infinity])('refuses %p with a NonJsonValueError naming its path', (number) => {
    const dump = () => pythonJsonDumps({ data: { ratio: number } });
    expect(dump).toThrow(NonJsonValueError);
    expect(dump).toThrow(`$.data.ratio is ${number}, which has no JSON representation`);
  });

  it.each<[string, unknown, string]>([
    ['undefined in an array', [1, undefined], '$[1] is of type undefined'],
    ['a bigint', { n: 1n }, '$.n is of type bigint'],
    ['a Date', { at: new Date(0) }, '$.at is an instance of Date'],
    ['a Map', { m: new Map() }, '$.m is an instance of Map'],
    ['a function', { f: () => 1 }, '$.f is of type function'],
  ])('refuses %s', (_, value, message) => {
    const dump = () => pythonJsonDumps(value as JsonValue);
    expect(dump).toThrow(NonJsonValueError);
    expect(dump).toThrow(`${message}, which has no JSON representation`);
  });
});
