import { loneSurrogateIn, pythonLength, pythonRepr, pythonStr, pythonStrip } from './index';

describe('Python text of JSON values', () => {
  it.each<[unknown, string]>([
    [null, 'None'],
    [true, 'True'],
    [false, 'False'],
    [7, '7'],
    [1.5, '1.5'],
    ['x', "'x'"],
    ["it's", '"it\'s"'],
    ['say "hi" it\'s', "'say \"hi\" it\\'s'"],
    ['a\\b\n\t\u0001', "'a\\\\b\\n\\t\\x01'"],
    [[1, 'a', null], "[1, 'a', None]"],
    [{ name: 'core', nested: { slug: 'x' } }, "{'name': 'core', 'nested': {'slug': 'x'}}"],
  ])('repr(%j) is %s', (value, text) => {
    expect(pythonRepr(value)).toBe(text);
  });

  it('prints strings as they are with str(), everything else as repr()', () => {
    expect([pythonStr('POST'), pythonStr(true), pythonStr(['a'])]).toEqual(['POST', 'True', "['a']"]);
  });

  it('shows containers nested beyond its depth bound as ..., without exhausting the stack', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(pythonRepr(deep)).toMatch(/^\[{33}\.\.\.\]{33}$/);
  });

  it('strips what Python’s str.strip() strips, which is not what trim() strips', () => {
    expect(pythonStrip('\x1c\u3000 name \x85\t')).toBe('name');
    expect(pythonStrip('\ufeffname')).toBe('\ufeffname');
  });

  it('counts code points, as Python and varchar(n) do', () => {
    expect(pythonLength('a\u{1F600}b')).toBe(3);
  });

  it('finds lone surrogates but not surrogate pairs', () => {
    expect(loneSurrogateIn('ok \u{1F600}')).toBeUndefined();
    expect(loneSurrogateIn('bad \udc00')).toBe(0xdc00);
  });
});
