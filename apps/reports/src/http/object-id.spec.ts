import { NotFoundError } from '@validity/platform/netbox-api';
import { objectIdOf } from './object-id';

describe('the id of a detail route', () => {
  it('reads a positive integer', () => {
    expect(objectIdOf('42')).toBe(42);
  });

  it.each(['abc', '0', '-1', '1.5', '2147483648', ''])('answers 404 for %p', (param) => {
    expect(() => objectIdOf(param)).toThrow(NotFoundError);
  });

  it('reads ids past 32 bits where the table has bigint ids', () => {
    expect(objectIdOf('2147483648', Number.MAX_SAFE_INTEGER)).toBe(2147483648);
  });
});
