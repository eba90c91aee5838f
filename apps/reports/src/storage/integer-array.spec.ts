import { integerArray } from './integer-array';

describe('integerArray', () => {
  it('writes ids as an integer[] literal', () => {
    expect(integerArray([3, 1, 20])).toBe("'{3,1,20}'::integer[]");
    expect(integerArray([])).toBe("'{}'::integer[]");
  });

  it('refuses anything that is not an integer, so nothing else reaches the SQL', () => {
    for (const bad of [1.5, NaN, Infinity, '1}; DROP TABLE x; --' as unknown as number]) {
      expect(() => integerArray([1, bad])).toThrow(RangeError);
    }
  });
});
