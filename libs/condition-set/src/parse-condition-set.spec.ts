import type { Operator } from './condition-set';
import { OPERATORS } from './condition-set';
import { MAX_NESTING_DEPTH, parseConditionSet } from './parse-condition-set';

const UNKNOWN_OPERATOR_TAIL = 'Must be one of: eq, gt, gte, lt, lte, in, contains, regex';

function messageFor(input: unknown): string | undefined {
  const result = parseConditionSet(input);
  return result.ok ? undefined : result.message;
}

function condition(fields: Record<string, unknown>): unknown {
  return { and: [fields] };
}

describe('parseConditionSet', () => {
  it('parses a set, filling in the defaults op "eq" and negate false', () => {
    expect(parseConditionSet({ and: [{ attr: 'status.value', value: 'active' }] })).toEqual({
      ok: true,
      conditionSet: {
        logic: 'and',
        rules: [{ attr: 'status.value', op: 'eq', value: 'active', negate: false }],
      },
    });
  });

  it('parses nested sets and keeps every field', () => {
    const input = {
      or: [
        { and: [{ attr: 'a', op: 'in', value: [1, { x: null }], negate: true }] },
        { attr: 'b', op: 'regex', value: '^dev-' },
        { or: [] },
      ],
    };
    expect(parseConditionSet(input)).toEqual({
      ok: true,
      conditionSet: {
        logic: 'or',
        rules: [
          { logic: 'and', rules: [{ attr: 'a', op: 'in', value: [1, { x: null }], negate: true }] },
          { attr: 'b', op: 'regex', value: '^dev-', negate: false },
          { logic: 'or', rules: [] },
        ],
      },
    });
  });

  describe("NetBox 3.6's messages, exactly", () => {
    it.each([
      [[{ and: [] }], "Ruleset must be a dictionary, not <class 'list'>."],
      ['and', "Ruleset must be a dictionary, not <class 'str'>."],
      [1, "Ruleset must be a dictionary, not <class 'int'>."],
      [1.5, "Ruleset must be a dictionary, not <class 'float'>."],
      [true, "Ruleset must be a dictionary, not <class 'bool'>."],
      [null, "Ruleset must be a dictionary, not <class 'NoneType'>."],
      [{}, 'Ruleset must have exactly one logical operator (found 0)'],
      [{ and: [], or: [] }, 'Ruleset must have exactly one logical operator (found 2)'],
      // A bare condition is accepted from NetBox 4.0.6 on, not in 3.6.
      [{ attr: 'a', value: 1 }, 'Ruleset must have exactly one logical operator (found 2)'],
      [{ xor: [] }, "Invalid logic type: xor (must be 'and' or 'or')"],
      [condition({ attr: 'a', value: 1, op: 'ne' }), `Unknown operator: ne. ${UNKNOWN_OPERATOR_TAIL}`],
      [condition({ attr: 'a', value: 1, op: 'EQ' }), `Unknown operator: EQ. ${UNKNOWN_OPERATOR_TAIL}`],
      [condition({ attr: 'a', value: {} }), "Unsupported value type: <class 'dict'>"],
      [condition({ attr: 'a', value: 'x', op: 'gt' }), "Invalid type for gt operation: <class 'str'>"],
      [
        { or: [{ and: [{ or: [{ attr: 'a', value: null, op: 'in' }] }] }] },
        "Invalid type for in operation: <class 'NoneType'>",
      ],
    ])('%j → %s', (input, message) => {
      expect(messageFor(input)).toBe(message);
    });

    // NetBox formats a non-string op with Python's str(): this is a 400 in NetBox 3.6, not a crash.
    it.each([
      [null, 'None'],
      [true, 'True'],
      [1, '1'],
      [1.5, '1.5'],
      [['eq'], "['eq']"],
      [{ a: [1, null] }, "{'a': [1, None]}"],
    ])('reports the operator %j as Python prints it: %s', (op, printed) => {
      expect(messageFor(condition({ attr: 'a', value: 1, op }))).toBe(
        `Unknown operator: ${printed}. ${UNKNOWN_OPERATOR_TAIL}`,
      );
    });
  });

  describe('operator × value type matrix (NetBox 3.6 Condition.TYPES)', () => {
    const VALUES: Record<string, unknown> = {
      str: 'a',
      bool: true,
      int: 1,
      float: 1.5,
      list: ['a'],
      NoneType: null,
    };
    const ALLOWED: Record<string, readonly Operator[]> = {
      str: ['eq', 'contains', 'regex'],
      bool: ['eq', 'contains'],
      int: ['eq', 'gt', 'gte', 'lt', 'lte', 'contains'],
      float: ['eq', 'gt', 'gte', 'lt', 'lte', 'contains'],
      list: ['eq', 'in', 'contains'],
      NoneType: ['eq'],
    };
    const cells = Object.entries(VALUES).flatMap(([type, value]) =>
      OPERATORS.map((op) => [op, type, value, ALLOWED[type]!.includes(op)] as const),
    );

    it.each(cells.filter(([, , , allowed]) => allowed))('allows %s with a %s value', (op, _type, value) => {
      expect(parseConditionSet(condition({ attr: 'a', op, value }))).toMatchObject({ ok: true });
    });

    it.each(cells.filter(([, , , allowed]) => !allowed))('rejects %s with a %s value', (op, type, value) => {
      expect(messageFor(condition({ attr: 'a', op, value }))).toBe(
        `Invalid type for ${op} operation: <class '${type}'>`,
      );
    });

    it.each(OPERATORS)('rejects %s with a dict value', (op) => {
      expect(messageFor(condition({ attr: 'a', op, value: { b: 1 } }))).toBe(
        "Unsupported value type: <class 'dict'>",
      );
    });

    it('counts a JSON float with an integral value as an int, since JavaScript cannot tell 1.0 from 1', () => {
      // NetBox says <class 'float'> for 1.0.
      expect(messageFor(condition({ attr: 'a', op: 'in', value: 1.0 }))).toBe(
        "Invalid type for in operation: <class 'int'>",
      );
    });
  });

  describe('inputs on which NetBox 3.6 crashes with HTTP 500 get a message', () => {
    it.each([
      [
        condition({ attr: 'a', value: 1, foo: 1 }),
        "Condition has unknown key(s): 'foo'. Allowed keys: attr, value, op, negate.",
      ],
      [
        condition({ attr: 'a', value: 1, op: 'ne', foo: 1, '': 2 }),
        "Condition has unknown key(s): 'foo', ''. Allowed keys: attr, value, op, negate.",
      ],
      [condition({ value: 1 }), 'Condition is missing required key(s): attr.'],
      [condition({ attr: 'a', op: 'eq' }), 'Condition is missing required key(s): value.'],
      [{ or: [{}] }, 'Condition is missing required key(s): attr, value.'],
      [{ and: 'abc' }, "Value of 'and' must be a list, not <class 'str'>."],
      [{ or: { attr: 'a', value: 1 } }, "Value of 'or' must be a list, not <class 'dict'>."],
      [{ and: null }, "Value of 'and' must be a list, not <class 'NoneType'>."],
      [{ and: 5 }, "Value of 'and' must be a list, not <class 'int'>."],
      [{ and: [1] }, "Condition must be a dictionary, not <class 'int'>."],
      [{ and: ['a'] }, "Condition must be a dictionary, not <class 'str'>."],
      [{ and: [null] }, "Condition must be a dictionary, not <class 'NoneType'>."],
      [{ and: [[]] }, "Condition must be a dictionary, not <class 'list'>."],
      [{ AND: [] }, "Invalid logic type: AND (must be 'and' or 'or')"],
      [{ Or: [{ attr: 'a', value: 1 }] }, "Invalid logic type: Or (must be 'and' or 'or')"],
      [{ and: [{ OR: [] }] }, "Invalid logic type: OR (must be 'and' or 'or')"],
      [
        { and: [{ and: [], or: [] }] },
        "Condition has unknown key(s): 'and', 'or'. Allowed keys: attr, value, op, negate.",
      ],
    ])('%j → %s', (input, message) => {
      expect(messageFor(input)).toBe(message);
    });
  });

  describe('inputs NetBox 3.6 saves but then fails on, or reads surprisingly, are refused', () => {
    it.each([
      [{ and: {} }, "Value of 'and' must be a list, not <class 'dict'>."],
      [{ or: '' }, "Value of 'or' must be a list, not <class 'str'>."],
      [condition({ attr: 1, value: 1 }), "Condition attr must be a string, not <class 'int'>."],
      [condition({ attr: null, value: 1 }), "Condition attr must be a string, not <class 'NoneType'>."],
      [
        condition({ attr: 'a', value: 1, negate: 'false' }),
        "Condition negate must be a boolean, not <class 'str'>.",
      ],
      [
        condition({ attr: 'a', value: 1, negate: 1 }),
        "Condition negate must be a boolean, not <class 'int'>.",
      ],
      [
        condition({ attr: 'a', value: 1, negate: null }),
        "Condition negate must be a boolean, not <class 'NoneType'>.",
      ],
      [
        condition({ attr: 'a', value: '(', op: 'regex' }),
        "Invalid regular expression '(': missing ), unterminated subpattern at position 0",
      ],
      [
        condition({ attr: 'a', value: '(?i:a)', op: 'regex' }),
        "Unsupported regular expression '(?i:a)': scoped inline flags (?flags:...) are not supported (position 0)",
      ],
    ])('%j → %s', (input, message) => {
      expect(messageFor(input)).toBe(message);
    });
  });

  describe('which problem is reported first', () => {
    it('reports a NetBox message from a later condition before a stricter rule of ours from an earlier one', () => {
      expect(
        messageFor({
          and: [
            { attr: 1, value: 1, negate: 'x' },
            { attr: 'b', value: {} },
          ],
        }),
      ).toBe("Unsupported value type: <class 'dict'>");
    });

    it('reports the first NetBox error depth first, left to right', () => {
      const input = { or: [{ and: [{ attr: 'a', value: 1, op: 'ne' }] }, { attr: 'b', value: {} }] };
      expect(messageFor(input)).toBe(`Unknown operator: ne. ${UNKNOWN_OPERATOR_TAIL}`);
    });

    it('reports a crash where NetBox would crash, before a later NetBox message', () => {
      expect(
        messageFor({
          and: [
            { attr: 'a', value: 1, foo: 1 },
            { attr: 'b', value: {} },
          ],
        }),
      ).toBe("Condition has unknown key(s): 'foo'. Allowed keys: attr, value, op, negate.");
    });

    it('checks a condition in Python order: keys, operator, value type, operator for that type', () => {
      expect(messageFor(condition({ attr: 'a', value: {}, op: 'ne' }))).toBe(
        `Unknown operator: ne. ${UNKNOWN_OPERATOR_TAIL}`,
      );
      expect(messageFor(condition({ attr: 'a', value: {}, op: 'regex', negate: 'x' }))).toBe(
        "Unsupported value type: <class 'dict'>",
      );
    });
  });

  describe('nesting depth', () => {
    function nestedSets(levels: number): unknown {
      let set: unknown = { and: [] };
      for (let level = 1; level < levels; level += 1) set = { and: [set] };
      return set;
    }

    it(`accepts nested sets up to ${MAX_NESTING_DEPTH} levels of lists and dicts`, () => {
      expect(parseConditionSet(nestedSets(MAX_NESTING_DEPTH / 2))).toMatchObject({ ok: true });
    });

    it('refuses deeper nesting with a message instead of overflowing the stack', () => {
      const message = `Conditions are nested too deeply: at most ${MAX_NESTING_DEPTH} levels of lists and dictionaries are allowed.`;
      expect(messageFor(nestedSets(MAX_NESTING_DEPTH / 2 + 1))).toBe(message);
      expect(messageFor(nestedSets(100_000))).toBe(message);
    });

    it('counts nesting inside values too', () => {
      let value: unknown = [];
      for (let level = 0; level < 100_000; level += 1) value = [value];
      expect(messageFor(condition({ attr: 'a', op: 'ne', value }))).toMatch(
        /^Conditions are nested too deeply/,
      );
    });
  });
});
