import { NotFoundError } from '../errors/not-found.error';
import { pathIdOf } from './path-id';

describe('pathIdOf', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['9007199254740991', 9007199254740991],
  ])('reads %j as %d', (segment, id) => {
    expect(pathIdOf(segment)).toBe(id);
  });

  it.each([
    '0',
    '01',
    '+1',
    '-1',
    ' 1',
    '1 ',
    '1e0',
    '1.0',
    '0x1',
    '١',
    '',
    'abc',
    '9007199254740992',
    '1_000',
  ])('answers 404 for %j', (segment) => {
    expect(() => pathIdOf(segment)).toThrow(NotFoundError);
  });

  it('answers 404 above the largest id of the column', () => {
    expect(() => pathIdOf('2147483648', 2_147_483_647)).toThrow(NotFoundError);
    expect(pathIdOf('2147483647', 2_147_483_647)).toBe(2_147_483_647);
  });
});
