import { isEmptyConditions } from './is-empty-conditions';

// Expected values computed with Python 3.11: `not json.loads(value)`.
const CASES: [value: unknown, empty: boolean][] = [
  [null, true],
  [false, true],
  [true, false],
  [0, true],
  [0.0, true],
  [-0.0, true],
  [1, false],
  [0.5, false],
  ['', true],
  ['0', false],
  [' ', false],
  [[], true],
  [[0], false],
  [{}, true],
  [{ a: null }, false],
  [{ and: [] }, false],
];

describe('isEmptyConditions', () => {
  it.each(CASES)('%j is empty (falsy in Python): %s', (value, empty) => {
    expect(isEmptyConditions(value)).toBe(empty);
  });

  it('treats an absent value like null', () => {
    expect(isEmptyConditions(undefined)).toBe(true);
  });

  it('treats NaN as truthy, as Python does', () => {
    expect(isEmptyConditions(Number.NaN)).toBe(false);
  });
});
