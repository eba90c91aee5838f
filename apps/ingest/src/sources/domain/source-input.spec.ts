import { NetBoxValidationError } from '@validity/platform/netbox-api';
import { readSourceInput } from './source-input';

function errorsOf(body: unknown): unknown {
  try {
    readSourceInput(body, undefined, false);
  } catch (error) {
    if (error instanceof NetBoxValidationError) return error.body();
    throw error;
  }
  return undefined;
}

describe('source input, read with the shared DRF field parsers', () => {
  it("strips text as Python does and takes numbers as their str(), as DRF's CharField does", () => {
    expect(
      readSourceInput({ name: ' core\u0085', secret: 12345, description: '\u3000' }, undefined, false),
    ).toEqual({
      name: 'core',
      secret: '12345',
      description: '',
      enabled: true,
      netbox_url: '',
    });
  });

  it('names every bad field with DRF’s message', () => {
    expect(errorsOf({ name: ' ', secret: null, description: ['x'], enabled: 'maybe' })).toEqual({
      name: ['This field may not be blank.'],
      secret: ['This field may not be null.'],
      description: ['Not a valid string.'],
      enabled: ['Must be a valid boolean.'],
    });
    expect(errorsOf({ name: 'a', secret: 'x\u0000' })).toEqual({
      secret: ['Null characters are not allowed.'],
    });
    expect(errorsOf('core')).toEqual({
      non_field_errors: ['Invalid data. Expected a dictionary, but got str.'],
    });
  });

  it('counts code points against max_length', () => {
    expect(
      readSourceInput({ name: 'a', secret: '\u{1F600}'.repeat(255) }, undefined, false).secret,
    ).toHaveLength(510);
    expect(errorsOf({ name: 'a', secret: '\u{1F600}'.repeat(256) })).toEqual({
      secret: ['Ensure this field has no more than 255 characters.'],
    });
  });
});
