import { OBJECT_TYPES, isKnownObjectType } from './object-types';

describe('object types', () => {
  it('lists the NetBox content types this system knows, in registry order', () => {
    expect(Object.keys(OBJECT_TYPES)).toEqual([
      'validity.compliancereport',
      'validity.compliancetest',
      'validity.compliancetestresult',
      'extras.webhook',
      'users.token',
      'validity.complianceselector',
    ]);
  });

  it('splits each content type into app label and model', () => {
    expect(OBJECT_TYPES['validity.compliancereport']).toEqual({
      name: 'validity.compliancereport',
      appLabel: 'validity',
      model: 'compliancereport',
      contentTypeId: 1,
      producer: 'reports',
      public: true,
      emitsEvents: true,
    });
  });

  it('marks test results as producing no events, as in NetBox', () => {
    expect(OBJECT_TYPES['validity.compliancetestresult']).toMatchObject({ emitsEvents: false, public: true });
  });

  it('keeps tokens private, owned by the users service', () => {
    expect(OBJECT_TYPES['users.token']).toMatchObject({
      producer: 'users',
      public: false,
      emitsEvents: false,
    });
  });

  it('assigns webhooks to the webhook registry', () => {
    expect(OBJECT_TYPES['extras.webhook']).toMatchObject({ producer: 'webhook-registry', emitsEvents: true });
  });

  it('gives every object type its own content type id', () => {
    const ids = Object.values(OBJECT_TYPES).map((type) => type.contentTypeId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['validity.compliancereport', true],
    ['extras.webhook', true],
    ['dcim.device', false],
    ['compliancereport', false],
    ['toString', false],
    ['__proto__', false],
  ])('isKnownObjectType(%p) is %p', (value, known) => {
    expect(isKnownObjectType(value)).toBe(known);
  });
});
