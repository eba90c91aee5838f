import { pythonEquals } from './python-equality';

// Expected values computed with Python 3.11: `json.loads(a) == json.loads(b)`.
const CASES: [a: unknown, b: unknown, equal: boolean][] = [
  [1, 1.0, true],
  [true, 1, true],
  [true, 1.0, true],
  [false, 0, true],
  [false, null, false],
  [0, null, false],
  ['1', 1, false],
  [[1, 2], [1.0, 2], true],
  [[1, 2], [2, 1], false],
  [[1], [1, 1], false],
  [[true, [0]], [1, [false]], true],
  [{ a: 1, b: [2] }, { b: [2.0], a: true }, true],
  [{ a: 1 }, { a: 1, b: 2 }, false],
  [{ a: null }, { b: null }, false],
  [[], {}, false],
  ['', [], false],
  [null, null, true],
  ['a', 'a', true],
  [['a'], 'a', false],
  [[[]], [[]], true],
];

describe('pythonEquals', () => {
  it.each(CASES)('%j == %j is %s in Python', (a, b, equal) => {
    expect(pythonEquals(a, b)).toBe(equal);
    expect(pythonEquals(b, a)).toBe(equal);
  });

  it('treats a missing member as absent, not as null', () => {
    expect(pythonEquals({ a: undefined }, { a: null })).toBe(true);
    expect(pythonEquals({}, { a: null })).toBe(false);
  });

  it('compares values JSON cannot carry by identity only', () => {
    const date = new Date(0);
    expect([pythonEquals(date, date), pythonEquals(date, new Date(0)), pythonEquals(date, {})]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
