import { asStored, inJsonbKeyOrder } from './jsonb-key-order';

describe("custom fields in the order PostgreSQL's jsonb gives them back", () => {
  it('puts shorter keys first and keys of one length in byte order, at every depth', () => {
    const ordered = inJsonbKeyOrder({ zeta: 1, b: { yy: 2, x: 3, ab: [{ bb: 1, a: 2 }] }, aa: null });
    expect(JSON.stringify(ordered)).toBe('{"b":{"x":3,"ab":[{"a":2,"bb":1}],"yy":2},"aa":null,"zeta":1}');
  });

  it('measures keys in UTF-8 bytes, as jsonb does', () => {
    // 'é' is two bytes: longer than 'z', and after 'ab' among keys of two bytes.
    expect(Object.keys(inJsonbKeyOrder({ é: 1, z: 2, ab: 3 }))).toEqual(['z', 'ab', 'é']);
  });

  it('leaves everything else of a state as it is', () => {
    const state = { id: 3, customFields: { bb: 1, a: 2 } };
    expect(JSON.stringify(asStored(state))).toBe('{"id":3,"customFields":{"a":2,"bb":1}}');
  });
});
