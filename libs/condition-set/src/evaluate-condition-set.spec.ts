import type { ConditionSet, ConditionValue, Operator } from './condition-set';
import { evaluateConditionSet } from './evaluate-condition-set';
import { parseConditionSet } from './parse-condition-set';

function parsed(conditions: unknown): ConditionSet {
  const result = parseConditionSet(conditions);
  if (!result.ok) throw new Error(result.message);
  return result.conditionSet;
}

function evaluate(conditions: unknown, data: unknown): ReturnType<typeof evaluateConditionSet> {
  return evaluateConditionSet(parsed(conditions), data);
}

// Expected values computed by NetBox 3.6.9's `extras/conditions.py` under Python 3.11:
// `ConditionSet({"and": [condition]}).eval(DATA)`, or, where that raised TypeError, NetBox 4.x's wording
// around Python's message.
const DATA = {
  name: 'abc',
  status: { value: 'active', label: 'Active' },
  total_passed: 5,
  ratio: 1.5,
  flag: true,
  off: false,
  zero: 0,
  nothing: null,
  tags: [
    { slug: 'a', n: 1 },
    { slug: 'b', n: 2 },
  ],
  notags: [],
  mixed: [{ slug: 'a' }, 'b'],
  nums: [1.0, 2],
  nested: [[1]],
  cf: { site: 'x', count: 3 },
  text: 'a\n',
  digits: '\u0663\u0664',
  objs: [{ b: 2, a: 1 }],
  one: 1,
};
const OPERATOR_CASES: [
  attr: string,
  op: Operator,
  value: ConditionValue,
  negate: boolean,
  expected: boolean | string,
][] = [
  ['name', 'eq', 'abc', false, true],
  ['name', 'eq', 'abc', true, false],
  ['one', 'eq', 1.5, false, false],
  ['one', 'eq', 1.5, true, true],
  ['one', 'eq', true, false, true],
  ['one', 'eq', true, true, false],
  ['flag', 'eq', 1, false, true],
  ['flag', 'eq', 1, true, false],
  ['off', 'eq', 0, false, true],
  ['off', 'eq', 0, true, false],
  ['zero', 'eq', false, false, true],
  ['zero', 'eq', false, true, false],
  ['nums', 'eq', [1, 2], false, true],
  ['nums', 'eq', [1, 2], true, false],
  ['nums', 'eq', [2, 1], false, false],
  ['nums', 'eq', [2, 1], true, true],
  ['nums', 'eq', [1, true], false, false],
  ['nums', 'eq', [1, true], true, true],
  ['missing', 'eq', null, false, true],
  ['missing', 'eq', null, true, false],
  ['nothing', 'eq', null, false, true],
  ['nothing', 'eq', null, true, false],
  ['one', 'eq', '1', false, false],
  ['one', 'eq', '1', true, true],
  ['objs', 'eq', [{ a: 1, b: 2 }], false, true],
  ['objs', 'eq', [{ a: 1, b: 2 }], true, false],
  ['status.value', 'eq', 'active', false, true],
  ['status.value', 'eq', 'active', true, false],
  ['name.first', 'eq', null, false, true],
  ['name.first', 'eq', null, true, false],
  ['tags.slug', 'eq', ['a', 'b'], false, true],
  ['tags.slug', 'eq', ['a', 'b'], true, false],
  ['total_passed', 'gt', 3, false, true],
  ['total_passed', 'gt', 3, true, false],
  ['total_passed', 'gte', 5, false, true],
  ['total_passed', 'gte', 5, true, false],
  ['total_passed', 'gt', 5, false, false],
  ['total_passed', 'gt', 5, true, true],
  ['ratio', 'lt', 2, false, true],
  ['ratio', 'lt', 2, true, false],
  ['ratio', 'lte', 1.5, false, true],
  ['ratio', 'lte', 1.5, true, false],
  ['flag', 'gt', 0, false, true],
  ['flag', 'gt', 0, true, false],
  [
    'nothing',
    'gt',
    1,
    false,
    "Invalid data type at 'nothing' for 'gt' evaluation: '>' not supported between instances of 'NoneType' and 'int'",
  ],
  [
    'nothing',
    'gt',
    1,
    true,
    "Invalid data type at 'nothing' for 'gt' evaluation: '>' not supported between instances of 'NoneType' and 'int'",
  ],
  [
    'name',
    'gte',
    1,
    false,
    "Invalid data type at 'name' for 'gte' evaluation: '>=' not supported between instances of 'str' and 'int'",
  ],
  [
    'name',
    'gte',
    1,
    true,
    "Invalid data type at 'name' for 'gte' evaluation: '>=' not supported between instances of 'str' and 'int'",
  ],
  [
    'tags',
    'lt',
    1,
    false,
    "Invalid data type at 'tags' for 'lt' evaluation: '<' not supported between instances of 'list' and 'int'",
  ],
  [
    'tags',
    'lt',
    1,
    true,
    "Invalid data type at 'tags' for 'lt' evaluation: '<' not supported between instances of 'list' and 'int'",
  ],
  [
    'cf',
    'lte',
    1.5,
    false,
    "Invalid data type at 'cf' for 'lte' evaluation: '<=' not supported between instances of 'dict' and 'float'",
  ],
  [
    'cf',
    'lte',
    1.5,
    true,
    "Invalid data type at 'cf' for 'lte' evaluation: '<=' not supported between instances of 'dict' and 'float'",
  ],
  [
    'missing',
    'gt',
    0,
    false,
    "Invalid data type at 'missing' for 'gt' evaluation: '>' not supported between instances of 'NoneType' and 'int'",
  ],
  [
    'missing',
    'gt',
    0,
    true,
    "Invalid data type at 'missing' for 'gt' evaluation: '>' not supported between instances of 'NoneType' and 'int'",
  ],
  ['name', 'in', ['abc', 'def'], false, true],
  ['name', 'in', ['abc', 'def'], true, false],
  ['one', 'in', [1.5, 1.0], false, true],
  ['one', 'in', [1.5, 1.0], true, false],
  ['flag', 'in', [1], false, true],
  ['flag', 'in', [1], true, false],
  ['nums', 'in', [[1, 2]], false, true],
  ['nums', 'in', [[1, 2]], true, false],
  ['missing', 'in', [null], false, true],
  ['missing', 'in', [null], true, false],
  ['name', 'in', ['x'], false, false],
  ['name', 'in', ['x'], true, true],
  ['cf', 'in', [{ count: 3, site: 'x' }], false, true],
  ['cf', 'in', [{ count: 3, site: 'x' }], true, false],
  ['name', 'in', [], false, false],
  ['name', 'in', [], true, true],
  ['name', 'contains', 'b', false, true],
  ['name', 'contains', 'b', true, false],
  ['name', 'contains', '', false, true],
  ['name', 'contains', '', true, false],
  ['tags.slug', 'contains', 'a', false, true],
  ['tags.slug', 'contains', 'a', true, false],
  ['tags.slug', 'contains', 'c', false, false],
  ['tags.slug', 'contains', 'c', true, true],
  ['nums', 'contains', 1, false, true],
  ['nums', 'contains', 1, true, false],
  ['nested', 'contains', [1], false, true],
  ['nested', 'contains', [1], true, false],
  ['cf', 'contains', 'site', false, true],
  ['cf', 'contains', 'site', true, false],
  ['cf', 'contains', 'nope', false, false],
  ['cf', 'contains', 'nope', true, true],
  ['cf', 'contains', 1, false, false],
  ['cf', 'contains', 1, true, true],
  [
    'cf',
    'contains',
    [1],
    false,
    "Invalid data type at 'cf' for 'contains' evaluation: unhashable type: 'list'",
  ],
  [
    'cf',
    'contains',
    [1],
    true,
    "Invalid data type at 'cf' for 'contains' evaluation: unhashable type: 'list'",
  ],
  [
    'name',
    'contains',
    1,
    false,
    "Invalid data type at 'name' for 'contains' evaluation: 'in <string>' requires string as left operand, not int",
  ],
  [
    'name',
    'contains',
    1,
    true,
    "Invalid data type at 'name' for 'contains' evaluation: 'in <string>' requires string as left operand, not int",
  ],
  [
    'name',
    'contains',
    true,
    false,
    "Invalid data type at 'name' for 'contains' evaluation: 'in <string>' requires string as left operand, not bool",
  ],
  [
    'name',
    'contains',
    true,
    true,
    "Invalid data type at 'name' for 'contains' evaluation: 'in <string>' requires string as left operand, not bool",
  ],
  [
    'name',
    'contains',
    ['a'],
    false,
    "Invalid data type at 'name' for 'contains' evaluation: 'in <string>' requires string as left operand, not list",
  ],
  [
    'name',
    'contains',
    ['a'],
    true,
    "Invalid data type at 'name' for 'contains' evaluation: 'in <string>' requires string as left operand, not list",
  ],
  [
    'nothing',
    'contains',
    'a',
    false,
    "Invalid data type at 'nothing' for 'contains' evaluation: argument of type 'NoneType' is not iterable",
  ],
  [
    'nothing',
    'contains',
    'a',
    true,
    "Invalid data type at 'nothing' for 'contains' evaluation: argument of type 'NoneType' is not iterable",
  ],
  [
    'total_passed',
    'contains',
    5,
    false,
    "Invalid data type at 'total_passed' for 'contains' evaluation: argument of type 'int' is not iterable",
  ],
  [
    'total_passed',
    'contains',
    5,
    true,
    "Invalid data type at 'total_passed' for 'contains' evaluation: argument of type 'int' is not iterable",
  ],
  [
    'flag',
    'contains',
    true,
    false,
    "Invalid data type at 'flag' for 'contains' evaluation: argument of type 'bool' is not iterable",
  ],
  [
    'flag',
    'contains',
    true,
    true,
    "Invalid data type at 'flag' for 'contains' evaluation: argument of type 'bool' is not iterable",
  ],
  [
    'ratio',
    'contains',
    1.5,
    false,
    "Invalid data type at 'ratio' for 'contains' evaluation: argument of type 'float' is not iterable",
  ],
  [
    'ratio',
    'contains',
    1.5,
    true,
    "Invalid data type at 'ratio' for 'contains' evaluation: argument of type 'float' is not iterable",
  ],
  [
    'mixed.slug',
    'contains',
    'a',
    false,
    "Invalid data type at 'mixed.slug' for 'contains' evaluation: argument of type 'NoneType' is not iterable",
  ],
  [
    'mixed.slug',
    'contains',
    'a',
    true,
    "Invalid data type at 'mixed.slug' for 'contains' evaluation: argument of type 'NoneType' is not iterable",
  ],
  ['notags.slug', 'contains', 'a', false, false],
  ['notags.slug', 'contains', 'a', true, true],
  ['tags.n', 'contains', 2.0, false, true],
  ['tags.n', 'contains', 2.0, true, false],
  ['name', 'regex', 'b', false, false],
  ['name', 'regex', 'b', true, true],
  ['name', 'regex', 'a', false, true],
  ['name', 'regex', 'a', true, false],
  ['name', 'regex', 'ab', false, true],
  ['name', 'regex', 'ab', true, false],
  ['name', 'regex', 'c$', false, false],
  ['name', 'regex', 'c$', true, true],
  ['name', 'regex', '.*c$', false, true],
  ['name', 'regex', '.*c$', true, false],
  ['name', 'regex', '(?i)ABC', false, true],
  ['name', 'regex', '(?i)ABC', true, false],
  ['text', 'regex', 'a$', false, true],
  ['text', 'regex', 'a$', true, false],
  ['text', 'regex', 'a\\Z', false, false],
  ['text', 'regex', 'a\\Z', true, true],
  ['digits', 'regex', '\\d+$', false, true],
  ['digits', 'regex', '\\d+$', true, false],
  ['digits', 'regex', '(?a)\\d', false, false],
  ['digits', 'regex', '(?a)\\d', true, true],
  ['name', 'regex', '(?P<x>a)b', false, true],
  ['name', 'regex', '(?P<x>a)b', true, false],
  ['name', 'regex', '', false, true],
  ['name', 'regex', '', true, false],
  [
    'nothing',
    'regex',
    'a',
    false,
    "Invalid data type at 'nothing' for 'regex' evaluation: expected string or bytes-like object, got 'NoneType'",
  ],
  [
    'nothing',
    'regex',
    'a',
    true,
    "Invalid data type at 'nothing' for 'regex' evaluation: expected string or bytes-like object, got 'NoneType'",
  ],
  [
    'total_passed',
    'regex',
    '5',
    false,
    "Invalid data type at 'total_passed' for 'regex' evaluation: expected string or bytes-like object, got 'int'",
  ],
  [
    'total_passed',
    'regex',
    '5',
    true,
    "Invalid data type at 'total_passed' for 'regex' evaluation: expected string or bytes-like object, got 'int'",
  ],
  [
    'tags.slug',
    'regex',
    'a',
    false,
    "Invalid data type at 'tags.slug' for 'regex' evaluation: expected string or bytes-like object, got 'list'",
  ],
  [
    'tags.slug',
    'regex',
    'a',
    true,
    "Invalid data type at 'tags.slug' for 'regex' evaluation: expected string or bytes-like object, got 'list'",
  ],
  [
    'missing',
    'regex',
    'a',
    false,
    "Invalid data type at 'missing' for 'regex' evaluation: expected string or bytes-like object, got 'NoneType'",
  ],
  [
    'missing',
    'regex',
    'a',
    true,
    "Invalid data type at 'missing' for 'regex' evaluation: expected string or bytes-like object, got 'NoneType'",
  ],
];

describe('evaluateConditionSet', () => {
  describe('operators, with Python semantics (each case checked against NetBox 3.6.9)', () => {
    it.each(OPERATOR_CASES)('%s %s %j (negate: %s) → %j', (attr, op, value, negate, expected) => {
      const result = evaluate({ and: [{ attr, op, value, negate }] }, DATA);
      expect(result).toEqual(
        typeof expected === 'boolean' ? { ok: true, matched: expected } : { ok: false, error: expected },
      );
    });
  });

  describe('attribute paths', () => {
    it('fans a path out over a list of objects: tags.slug contains "a"', () => {
      const data = { tags: [{ slug: 'a' }, { slug: 'b' }] };
      expect(evaluate({ and: [{ attr: 'tags.slug', op: 'contains', value: 'a' }] }, data)).toEqual({
        ok: true,
        matched: true,
      });
      expect(evaluate({ and: [{ attr: 'tags.slug', op: 'contains', value: 'c' }] }, data)).toEqual({
        ok: true,
        matched: false,
      });
    });

    it('keeps fanning out through objects inside the listed objects', () => {
      const data = { tags: [{ meta: { color: 'red' } }, { meta: { color: 'blue' } }] };
      expect(evaluate({ and: [{ attr: 'tags.meta.color', value: ['red', 'blue'] }] }, data)).toEqual({
        ok: true,
        matched: true,
      });
    });

    it('makes the path null when fanning out over a list of lists (Python cannot dict.get a list)', () => {
      const data = { interfaces: [{ ips: [{ family: 4 }] }, { ips: [] }] };
      expect(evaluate({ and: [{ attr: 'interfaces.ips.family', value: null }] }, data)).toEqual({
        ok: true,
        matched: true,
      });
    });

    it('resolves a missing key to null, so it equals a null value (NetBox 3.x, not 4.3.4+)', () => {
      expect(
        evaluate({ and: [{ attr: 'custom_fields.absent', value: null }] }, { custom_fields: {} }),
      ).toEqual({ ok: true, matched: true });
    });

    it('resolves a path through a scalar or null to null', () => {
      const data = { name: 'abc', site: null };
      expect(
        evaluate(
          {
            and: [
              { attr: 'name.first', value: null },
              { attr: 'site.name', value: null },
            ],
          },
          data,
        ),
      ).toEqual({
        ok: true,
        matched: true,
      });
    });

    it('resolves every path to null when the data itself is null', () => {
      expect(evaluate({ and: [{ attr: 'status', value: null }] }, null)).toEqual({ ok: true, matched: true });
    });
  });

  describe('logic', () => {
    const yes = { attr: 'a', value: 1 };
    const no = { attr: 'a', value: 2 };
    const failing = { attr: 'missing', op: 'gt', value: 0 };

    it.each([
      ['an empty and', { and: [] }, true],
      ['an empty or', { or: [] }, false],
      ['and of true and false', { and: [yes, no] }, false],
      ['or of false and true', { or: [no, yes] }, true],
      ['and of an or and a negated condition', { and: [{ or: [no, yes] }, { ...no, negate: true }] }, true],
      ['or of two nested ands', { or: [{ and: [yes, no] }, { and: [yes, { or: [yes] }] }] }, true],
      ['an empty nested or inside and', { and: [yes, { or: [] }] }, false],
    ])('%s', (_name, conditions, matched) => {
      expect(evaluate(conditions, { a: 1 })).toEqual({ ok: true, matched });
    });

    it('stops an and at the first false condition, so a later failing one is never evaluated', () => {
      expect(evaluate({ and: [no, failing] }, { a: 1 })).toEqual({ ok: true, matched: false });
    });

    it('stops an or at the first true condition', () => {
      expect(evaluate({ or: [yes, failing] }, { a: 1 })).toEqual({ ok: true, matched: true });
    });

    it('reports the error of a condition that is reached', () => {
      expect(evaluate({ and: [yes, failing] }, { a: 1 })).toEqual({
        ok: false,
        error:
          "Invalid data type at 'missing' for 'gt' evaluation: '>' not supported between instances of 'NoneType' and 'int'",
      });
    });

    it('does not let negate hide an error', () => {
      expect(evaluate({ or: [{ ...failing, negate: true }] }, {})).toMatchObject({ ok: false });
    });
  });

  describe('regex', () => {
    it.each([
      ['b', 'ab', false],
      ['a', 'ab', true],
      ['^a', 'ab', true],
      ['b$', 'ab', false],
      ['.*b$', 'ab', true],
    ])('matches like re.match(%j, %j), anchored at the start only → %s', (pattern, subject, matched) => {
      expect(evaluate({ and: [{ attr: 'name', op: 'regex', value: pattern }] }, { name: subject })).toEqual({
        ok: true,
        matched,
      });
    });

    it('reuses the compiled pattern across evaluations of the same set', () => {
      const conditionSet = parsed({ and: [{ attr: 'name', op: 'regex', value: 'dev-\\d+' }] });
      expect(evaluateConditionSet(conditionSet, { name: 'dev-1' })).toEqual({ ok: true, matched: true });
      expect(evaluateConditionSet(conditionSet, { name: 'prod-1' })).toEqual({ ok: true, matched: false });
    });

    it('reports a pattern that a hand-built set carries without parsing', () => {
      const conditionSet: ConditionSet = {
        logic: 'and',
        rules: [{ attr: 'name', op: 'regex', value: '(', negate: false }],
      };
      expect(evaluateConditionSet(conditionSet, { name: 'x' })).toEqual({
        ok: false,
        error:
          "Invalid regular expression '(': missing ), unterminated subpattern at position 0 (condition on 'name')",
      });
    });
  });

  describe('never throws', () => {
    const conditionSet = parsed({ and: [{ attr: 'a.b', value: 1 }] });

    it('turns an exception thrown by the data itself into an error result', () => {
      const data = {
        get a(): unknown {
          throw new Error('boom');
        },
      };
      expect(evaluateConditionSet(conditionSet, data)).toEqual({
        ok: false,
        error: 'Condition evaluation failed: boom',
      });
    });

    it('treats values JSON cannot carry as opaque objects', () => {
      expect(evaluateConditionSet(conditionSet, { a: { b: new Date(0) } })).toEqual({
        ok: true,
        matched: false,
      });
      expect(evaluateConditionSet(conditionSet, { a: new Map([['b', 1]]) })).toEqual({
        ok: true,
        matched: false,
      });
    });

    it('evaluates cyclic data as far as the path goes', () => {
      const data: Record<string, unknown> = { b: 1 };
      data['a'] = data;
      expect(evaluateConditionSet(conditionSet, data)).toEqual({ ok: true, matched: true });
    });

    it('reports a hand-built set that recurses into itself', () => {
      const cyclic = { logic: 'and', rules: [] as ConditionSet[] } satisfies ConditionSet;
      cyclic.rules.push(cyclic);
      expect(evaluateConditionSet(cyclic, {})).toMatchObject({
        ok: false,
        error: expect.stringContaining('Condition evaluation failed'),
      });
    });
  });
});
