import { pythonNumberRepr, pythonStringRepr } from './python-repr';

// Expected values are CPython 3.11's repr() of the same literals.
describe('pythonNumberRepr', () => {
  it.each([
    [1, '1'],
    [-0.5, '-0.5'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e-10, '1.5e-10'],
    [2 ** 53, '9007199254740992'],
    [Number.NaN, 'nan'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ])('%p -> %s', (value, expected) => expect(pythonNumberRepr(value)).toBe(expected));
});

describe('pythonStringRepr', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", '"it\'s"'],
    ['both \' and "', "'both \\' and \"'"],
    ['tab\tnew\nline\\', "'tab\\tnew\\nline\\\\'"],
    ['\x00\x7f\x85\xa0', "'\\x00\\x7f\\x85\\xa0'"],
    ['é€😀', "'é€😀'"],
    ['\u200b\u2028', "'\\u200b\\u2028'"],
  ])('%p -> %s', (value, expected) => expect(pythonStringRepr(value)).toBe(expected));
});
