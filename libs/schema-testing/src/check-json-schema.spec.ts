import { checkJsonSchema } from './check-json-schema';

describe('checkJsonSchema', () => {
  it.each([
    ['type', { type: 'string' }, 'a', 1],
    ['a list of types', { type: ['integer', 'null'] }, null, 1.5],
    ['integer', { type: 'integer' }, 3, 3.5],
    ['const', { const: 'created' }, 'created', 'deleted'],
    ['enum', { enum: ['', '********'] }, '', 'secret'],
    ['pattern', { type: 'string', pattern: '^[1-9][0-9]*$' }, '31', '031'],
    ['minLength', { type: 'string', minLength: 1 }, 'x', ''],
    ['minimum', { type: 'integer', minimum: 1 }, 1, 0],
    ['maximum', { type: 'integer', maximum: 3600 }, 3600, 3601],
    ['required', { type: 'object', required: ['id'] }, { id: 1 }, {}],
    [
      'additionalProperties: false',
      { properties: { a: {} }, additionalProperties: false },
      { a: 1 },
      { b: 1 },
    ],
    ['additionalProperties as a schema', { additionalProperties: { type: 'string' } }, { a: 'x' }, { a: 1 }],
    ['properties', { properties: { id: { type: 'integer' } } }, { id: 1 }, { id: '1' }],
    ['maxProperties', { type: 'object', maxProperties: 0 }, {}, { a: 1 }],
    ['items', { type: 'array', items: { type: 'integer' } }, [1, 2], [1, 'x']],
    ['uniqueItems', { type: 'array', uniqueItems: true }, [1, 2], [2, 2]],
    ['maxItems', { type: 'array', maxItems: 0 }, [], [1]],
    ['oneOf', { oneOf: [{ type: 'string' }, { type: 'integer' }] }, 'a', null],
    ['a boolean schema', false, undefined, 1],
    [
      'format',
      { type: 'string', format: 'date-time' },
      '2024-01-10T08:15:02.401177+00:00',
      '2024-01-10 08:15',
    ],
    ['maxLength', { type: 'string', maxLength: 3 }, 'abc', 'abcd'],
  ])('enforces %s', (_, schema, good, bad) => {
    if (good !== undefined) expect(checkJsonSchema(schema, good)).toEqual([]);
    expect(checkJsonSchema(schema, bad)).not.toEqual([]);
  });

  it('rejects a value matching more than one oneOf branch', () => {
    expect(checkJsonSchema({ oneOf: [{ type: 'integer' }, { minimum: 0 }] }, 1)).toEqual([
      '$: matches 2 of oneOf, expected exactly 1',
    ]);
  });

  it('applies string and number keywords only to strings and numbers', () => {
    const schema = { type: ['integer', 'null'], minimum: 1, pattern: '^x$' };
    expect(checkJsonSchema(schema, null)).toEqual([]);
  });

  it('follows local $refs into the root document and reports the path of each problem', () => {
    const root = {
      components: { schemas: { Id: { type: 'integer', minimum: 1 } } },
      payload: { type: 'object', properties: { data: { $ref: '#/components/schemas/Id' } } },
    };
    expect(checkJsonSchema(root.payload, { data: 0 }, { root })).toEqual(['$.data: 0 is below 1']);
    expect(() => checkJsonSchema({ $ref: '#/components/schemas/Nope' }, 1, { root })).toThrow(
      /can't resolve reference \S*#\S*\/components\/schemas\/Nope/,
    );
  });

  it('checks key order against properties only when asked', () => {
    const schema = { type: 'object', properties: { event: {}, timestamp: {}, model: {} } };
    const swapped = { timestamp: 't', event: 'e', extra: 1, model: 'm' };
    expect(checkJsonSchema(schema, swapped)).toEqual([]);
    expect(checkJsonSchema(schema, swapped, { propertyOrder: true })).toEqual([
      '$: keys in order timestamp, event, model, expected event, timestamp, model',
    ]);
  });

  it('checks key order through $refs, items and the oneOf branch that matches', () => {
    const root = {
      components: { schemas: { Pair: { type: 'object', properties: { a: {}, b: {} } } } },
      payload: {
        type: 'array',
        items: { oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/Pair' }] },
      },
    };
    expect(checkJsonSchema(root.payload, ['x', { a: 1, b: 2 }], { root, propertyOrder: true })).toEqual([]);
    expect(checkJsonSchema(root.payload, ['x', { b: 2, a: 1 }], { root, propertyOrder: true })).toEqual([
      '$[1]: keys in order b, a, expected a, b',
    ]);
  });

  it('refuses keywords ajv does not know instead of ignoring them', () => {
    expect(() => checkJsonSchema({ type: 'string', maxLenght: 3 }, 'abcd')).toThrow(
      'unknown keyword: "maxLenght"',
    );
  });

  it('ignores annotations', () => {
    expect(checkJsonSchema({ description: 'd', title: 't', examples: [1], default: 2 }, 'x')).toEqual([]);
  });
});
