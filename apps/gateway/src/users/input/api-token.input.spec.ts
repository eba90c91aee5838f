import { NetBoxValidationError, validateInput } from '@validity/platform/netbox-api';
import { ApiTokenInput } from './api-token.input';

function errorsOf(body: unknown): unknown {
  try {
    validateInput(ApiTokenInput, body, { partial: true });
  } catch (error) {
    if (error instanceof NetBoxValidationError) return error.body();
    throw error;
  }
  return undefined;
}

describe('token input, read with the shared DRF field parsers', () => {
  it("reads description and write_enabled as NetBox's TokenSerializer does: stripped text, DRF booleans", () => {
    const input = validateInput(ApiTokenInput, { description: ' ci runner\u0085', write_enabled: 'no' });
    expect([input.description, input.write_enabled]).toEqual(['ci runner', false]);
    expect(validateInput(ApiTokenInput, { description: '   ' }).description).toBe('');
  });

  it('refuses null, NUL and overlong text with DRF’s messages, on PATCH too', () => {
    expect(errorsOf({ description: null, write_enabled: null })).toEqual({
      description: ['This field may not be null.'],
      write_enabled: ['This field may not be null.'],
    });
    expect(errorsOf({ description: 'a\u0000b' })).toEqual({
      description: ['Null characters are not allowed.'],
    });
    expect(errorsOf({ description: 'x'.repeat(201) })).toEqual({
      description: ['Ensure this field has no more than 200 characters.'],
    });
  });

  it("reads key as TokenSerializer's CharField(min_length=40, max_length=40): stripped, length checked", () => {
    const key = 'a'.repeat(40);
    expect(validateInput(ApiTokenInput, { key: ` ${key}\n` }).key).toBe(key);
    expect(errorsOf({ key: 'a'.repeat(39) })).toEqual({
      key: ['Ensure this field has at least 40 characters.'],
    });
    expect(errorsOf({ key: 'a'.repeat(41) })).toEqual({
      key: ['Ensure this field has no more than 40 characters.'],
    });
    expect(errorsOf({ key: null })).toEqual({ key: ['This field may not be null.'] });
    expect(errorsOf({ key: [key] })).toEqual({ key: ['Not a valid string.'] });
  });
});
