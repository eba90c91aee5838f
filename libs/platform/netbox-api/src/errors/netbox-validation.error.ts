import { NetBoxApiError, type FieldErrors } from './netbox-api.error';

/**
 * 400 with DRF's validation body: one key per bad field, `__all__` for model-level rules (NetBox 3.6
 * runs `full_clean()`, whose non-field errors land there), or for a bulk request an array aligned with
 * the input items, `{}` for the valid ones: `[{}, {"name": ["This field is required."]}]`.
 */
export class NetBoxValidationError extends NetBoxApiError {
  readonly status = 400;

  constructor(readonly errors: FieldErrors | readonly FieldErrors[]) {
    super(`Validation failed: ${JSON.stringify(errors)}`);
    this.name = 'NetBoxValidationError';
  }

  body(): FieldErrors | readonly FieldErrors[] {
    return this.errors;
  }
}
