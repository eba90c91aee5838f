import { InvalidFieldValue } from './drf-field';
import {
  booleanField,
  charField,
  choiceField,
  hasNullCharacter,
  integerField,
  jsonField,
} from './drf-field-parsers';
import {
  CUSTOM_FIELDS_NOT_A_DICTIONARY,
  customFieldsField,
  emptyPrimaryKeyListField,
  primaryKeyField,
  primaryKeyListField,
  storedCustomFieldsField,
  tagsField,
  unresolvedReferenceField,
} from './netbox-field-parsers';

/** The parsed value, or the message when the parser refused it. */
function outcome(parse: (raw: unknown) => unknown, raw: unknown): unknown {
  const value = parse(raw);
  return value instanceof InvalidFieldValue ? value.message : value;
}

describe('DRF field parsers', () => {
  const name = charField({ maxLength: 150 });

  it.each<[unknown, unknown]>([
    ['  hook \n', 'hook'],
    [12, '12'],
    [' \t', 'This field may not be blank.'],
    [null, 'This field may not be null.'],
    [true, 'Not a valid string.'],
    [['a'], 'Not a valid string.'],
    ['\u{1F600}'.repeat(150), '\u{1F600}'.repeat(150)],
    ['x'.repeat(151), 'Ensure this field has no more than 150 characters.'],
    ['a\u0000b', 'Null characters are not allowed.'],
    ['a\ud800', 'Surrogate characters are not allowed: U+D800.'],
  ])('CharField reads %j as %j', (raw, expected) => {
    expect(outcome(name, raw)).toEqual(expected);
  });

  it('checks the maximum length before the minimum, in code points after strip(), as DRF does', () => {
    const key = charField({ minLength: 4, maxLength: 4 });
    expect(outcome(key, ' abcd ')).toBe('abcd');
    expect(outcome(key, '😀😀😀😀')).toBe('😀😀😀😀');
    expect(outcome(key, 'abc')).toBe('Ensure this field has at least 4 characters.');
    expect(outcome(key, 'abcde')).toBe('Ensure this field has no more than 4 characters.');
    expect(outcome(key, '')).toBe('This field may not be blank.');
    expect(outcome(key, null)).toBe('This field may not be null.');
  });

  it('keeps blank and null where the field allows them', () => {
    const caFilePath = charField({ allowBlank: true, allowNull: true });
    expect([outcome(caFilePath, '  '), outcome(caFilePath, null)]).toEqual(['', null]);
  });

  it.each<[unknown, unknown]>([
    ['on', true],
    ['False', false],
    [0, false],
    [2, 'Must be a valid boolean.'],
    [null, 'This field may not be null.'],
  ])('BooleanField reads %j as %j', (raw, expected) => {
    expect(outcome(booleanField, raw)).toEqual(expected);
  });

  it('quotes Python’s str() of a value that is not a choice', () => {
    const method = choiceField(['GET', 'POST']);
    expect(outcome(method, 'GET')).toBe('GET');
    expect(outcome(method, ['GET'])).toBe('"[\'GET\']" is not a valid choice.');
  });

  it.each<[unknown, unknown]>([
    ['30', 30],
    ['30.00', 30],
    [30, 30],
    [30.5, 'A valid integer is required.'],
    [true, 'A valid integer is required.'],
    [0, 'Ensure this value is greater than or equal to 1.'],
    [3601, 'Ensure this value is less than or equal to 3600.'],
    [null, null],
  ])('IntegerField(1..3600, null) reads %j as %j', (raw, expected) => {
    expect(outcome(integerField({ min: 1, max: 3600, allowNull: true }), raw)).toEqual(expected);
  });

  it('takes any JSON PostgreSQL can store, however deep, and refuses what it cannot', () => {
    let deep: unknown = { and: [] };
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(outcome(jsonField, deep)).toBe(deep);
    expect(outcome(jsonField, { and: [{ ['a\u0000']: 1 }] })).toBe('Null characters are not allowed.');
    expect(outcome(jsonField, [Number.POSITIVE_INFINITY])).toBe(
      'Out of range float values are not JSON compliant.',
    );
  });
});

describe('NetBox field parsers', () => {
  it.each<[unknown, string]>([
    [[3], 'Related object not found using the provided numeric ID: 3'],
    [[' 4 '], 'Related object not found using the provided numeric ID: 4'],
    [[true], 'Related object not found using the provided numeric ID: True'],
    [
      ['core'],
      'Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: core',
    ],
    [
      [{ slug: 'a', group: { name: 'b' } }],
      "Related object not found using the provided attributes: {'slug': 'a', 'group__name': 'b'}",
    ],
    [[null], 'This field may not be null.'],
    ['core', 'Expected a list of items but got type "str".'],
  ])('refuses tags %j as a NetBox without tags does', (raw, message) => {
    expect(outcome(tagsField, raw)).toBe(message);
  });

  it('accepts no tags and a dictionary of custom fields', () => {
    expect(outcome(tagsField, [])).toEqual([]);
    expect(outcome(customFieldsField(), { owner: 'noc' })).toEqual({ owner: 'noc' });
    expect(outcome(customFieldsField(), null)).toBe('This field may not be null.');
  });
});

describe('a single primary key reference', () => {
  it.each<[unknown, unknown]>([
    [7, 7],
    ['7', 7],
    [' +7 ', 7],
    [7.9, 7],
    [null, 'This field may not be null.'],
    [true, 'Incorrect type. Expected pk value, received bool.'],
    ['seven', 'Incorrect type. Expected pk value, received str.'],
    [[7], 'Incorrect type. Expected pk value, received list.'],
    [{ id: 7 }, 'Incorrect type. Expected pk value, received dict.'],
  ])('reads %j as the key Django would look up, or DRF’s message', (raw, expected) => {
    expect(outcome(primaryKeyField, raw)).toEqual(expected);
  });
});

describe('NetBox references and custom field data', () => {
  const selectors = primaryKeyListField(new Set([1, 2]));

  it.each<[unknown, unknown]>([
    [
      [1, '2', 1.7],
      [1, 2],
    ],
    [[true], 'Incorrect type. Expected pk value, received bool.'],
    [['x'], 'Incorrect type. Expected pk value, received str.'],
    [[3], 'Invalid pk "3" - object does not exist.'],
    [[null], 'Invalid pk "None" - object does not exist.'],
    [{}, 'Expected a list of items but got type "dict".'],
  ])('PrimaryKeyRelatedField(many=True) reads %j as %j', (raw, expected) => {
    expect(outcome(selectors, raw)).toEqual(expected);
  });

  it('refuses every reference to an object this system does not have, null first', () => {
    expect(outcome(unresolvedReferenceField, null)).toBe('This field may not be null.');
    expect(outcome(unresolvedReferenceField, 3)).toBe(
      'Related object not found using the provided numeric ID: 3',
    );
    expect(outcome(emptyPrimaryKeyListField, [])).toEqual([]);
  });

  it('keeps custom field data only when PostgreSQL can store it, with NetBox 3.6’s text for a non-dictionary', () => {
    expect(outcome(storedCustomFieldsField, { owner: 'noc' })).toEqual({ owner: 'noc' });
    expect(outcome(storedCustomFieldsField, { nested: { ['k\u0000']: 1 } })).toBe(
      'Null characters are not allowed.',
    );
    expect(outcome(storedCustomFieldsField, [])).toBe(CUSTOM_FIELDS_NOT_A_DICTIONARY);
  });

  it('finds a NUL in keys and values at any depth, without exhausting the stack', () => {
    let deep: unknown = 'a\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect([hasNullCharacter(deep), hasNullCharacter({ ok: ['fine'] })]).toEqual([true, false]);
  });
});
