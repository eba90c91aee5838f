import { jsonNestsDeeperThan } from './json-nesting';

describe('jsonNestsDeeperThan', () => {
  const nested = (depth: number) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it('counts arrays and objects, up to the limit included', () => {
    expect(jsonNestsDeeperThan(nested(3), 3)).toBe(false);
    expect(jsonNestsDeeperThan(nested(4), 3)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from('{"a": {"b": [{"c": 1}]}}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from('{"a": {"b": [1]}, "c": [[2]]}'), 3)).toBe(false);
  });

  it('ignores brackets, quotes and escapes inside strings, and multi-byte characters', () => {
    expect(jsonNestsDeeperThan(Buffer.from('["[[[[", "\\"[[[[", "é{{{{😀"]'), 1)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('["\\\\", [["x"]]]'), 2)).toBe(true);
  });

  it('reads a body of a hundred thousand levels without recursion', () => {
    expect(jsonNestsDeeperThan(nested(100_000), 128)).toBe(true);
  });
});
