import { InvalidFieldValue } from './drf-field';
import { booleanField, charField, choiceField, integerField, jsonField } from './drf-field-parsers';
import { contentTypesField, customFieldsField, tagsField } from './netbox-field-parsers';
import { EVENT_RULE_OBJECT_TYPES, WEBHOOK_CONTENT_TYPES } from '../domain/webhook';

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
  const contentTypes = contentTypesField(WEBHOOK_CONTENT_TYPES);

  it('accepts every public object type, including test results, which never emit events', () => {
    const all = [
      'validity.compliancereport',
      'validity.compliancetest',
      'validity.compliancetestresult',
      'extras.webhook',
    ];
    expect(outcome(contentTypes, all)).toEqual(all);
    expect(outcome(contentTypes, ['users.token'])).toBe('Invalid content type: users.token');
  });

  it("refuses, with NetBox 3.6's message, a model 3.6 has no webhooks for; a 4.6 event rule takes it", () => {
    expect(outcome(contentTypes, ['dcim.device', 'dcim.cabletermination'])).toBe(
      'Invalid content type: dcim.cabletermination',
    );
    expect(outcome(contentTypes, ['vpn.tunnel'])).toBe('Invalid content type: vpn.tunnel');
    const objectTypes = contentTypesField(EVENT_RULE_OBJECT_TYPES);
    expect(outcome(objectTypes, ['dcim.cabletermination', 'vpn.tunnel'])).toEqual([
      'dcim.cabletermination',
      'vpn.tunnel',
    ]);
  });

  it('stores content types once each, in input order', () => {
    expect(outcome(contentTypes, ['extras.webhook', 'validity.compliancetest', 'extras.webhook'])).toEqual([
      'extras.webhook',
      'validity.compliancetest',
    ]);
  });

  it.each<[unknown, string]>([
    [{ 'extras.webhook': true }, 'Expected a list of items but got type "dict".'],
    [['a.b.c'], "Invalid value. Specify a content type as '<app_label>.<model_name>'."],
    [['.'], 'Invalid content type: .'],
  ])('refuses content types %j', (raw, message) => {
    expect(outcome(contentTypes, raw)).toBe(message);
  });

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
    expect(outcome(customFieldsField, { owner: 'noc' })).toEqual({ owner: 'noc' });
    expect(outcome(customFieldsField, null)).toBe('This field may not be null.');
  });
});
