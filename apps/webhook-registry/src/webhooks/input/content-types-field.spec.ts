import { contentTypesField, InvalidFieldValue } from '@validity/platform/netbox-api';
import { EVENT_RULE_OBJECT_TYPES, WEBHOOK_CONTENT_TYPES } from '../domain/webhook';

/** The parsed value, or the message when the parser refused it. */
function outcome(parse: (raw: unknown) => unknown, raw: unknown): unknown {
  const value = parse(raw);
  return value instanceof InvalidFieldValue ? value.message : value;
}

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
});
