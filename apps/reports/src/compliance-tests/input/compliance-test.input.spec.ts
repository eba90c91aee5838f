import { NetBoxValidationError, validateInput } from '@validity/platform/netbox-api';
import { ComplianceTestInput, REQUIRED_TEST_FIELDS } from './compliance-test.input';

function errorsOf(body: unknown, partial = false): unknown {
  try {
    validateInput(ComplianceTestInput, body, { required: REQUIRED_TEST_FIELDS, partial });
  } catch (error) {
    if (error instanceof NetBoxValidationError) return error.body();
    throw error;
  }
  return undefined;
}

const valid = { name: 'ntp', description: 'NTP servers', expression: 'a == 1' };

describe('compliance test input, with DRF and Validity messages', () => {
  it('names every missing required field on create (expression is optional in Validity 2.3)', () => {
    expect(errorsOf({})).toEqual({
      name: ['This field is required.'],
      description: ['This field is required.'],
    });
  });

  it('reports blank, null, wrong types, bad choices and overlong names with the first failing rule', () => {
    expect(
      errorsOf({
        name: true,
        description: '   ',
        expression: null,
        severity: 'CRITICAL',
        custom_fields: [],
      }),
    ).toEqual({
      name: ['Not a valid string.'],
      description: ['This field may not be blank.'],
      expression: ['This field may not be null.'],
      severity: ['"CRITICAL" is not a valid choice.'],
      custom_fields: [
        'Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.',
      ],
    });
    expect(errorsOf({ ...valid, name: 'x'.repeat(256) })).toEqual({
      name: ['Ensure this field has no more than 255 characters.'],
    });
  });

  it("refuses an expression that is not one Python expression with Validity's message", () => {
    expect(errorsOf({ ...valid, expression: 'a = 1' })).toEqual({
      expression: ['Invalid Python expression'],
    });
  });

  it('checks only the given fields on PATCH, but still refuses null', () => {
    expect(errorsOf({ severity: 'HIGH' }, true)).toBeUndefined();
    expect(errorsOf({ name: null }, true)).toEqual({ name: ['This field may not be null.'] });
  });

  it('refuses NUL characters in text and custom fields, which PostgreSQL cannot store', () => {
    expect(errorsOf({ ...valid, description: 'a\u0000b', custom_fields: { ['k\u0000']: 1 } })).toEqual({
      description: ['Null characters are not allowed.'],
      custom_fields: ['Null characters are not allowed.'],
    });
  });

  it('trims text as DRF does', () => {
    const input = validateInput(ComplianceTestInput, { ...valid, name: '  ntp  ' });
    expect(input.name).toBe('ntp');
  });

  it('strips what Python strips, not what JavaScript trims', () => {
    const input = validateInput(ComplianceTestInput, { ...valid, name: '\u0085ntp\ufeff' });
    expect(input.name).toBe('ntp\ufeff');
  });

  it("takes numbers in text fields as their str(), as DRF's CharField does", () => {
    const input = validateInput(ComplianceTestInput, { ...valid, name: 5, description: 1e-5 });
    expect([input.name, input.description]).toEqual(['5', '1e-05']);
  });
});
