import { NetBoxValidationError, type FieldErrors } from '@validity/platform/netbox-api';

/**
 * The 400 of a run being collected: errors of the body's own fields, and per result index the errors of
 * that result, reported in DRF's nested-list shape, `{"results": [{}, {"test": ["..."]}]}`.
 */
export class RunInputErrors {
  private readonly fields: Record<string, string[]> = {};
  private readonly results = new Map<number, Record<string, string[]>>();

  addField(field: string, message: string): void {
    this.fields[field] = [message];
  }

  /** DRF reports the first failing rule of a field, so a later message for the same field is dropped. */
  addResult(index: number, field: string, message: string): void {
    const errors = this.results.get(index) ?? {};
    errors[field] ??= [message];
    this.results.set(index, errors);
  }

  get isEmpty(): boolean {
    return Object.keys(this.fields).length === 0 && this.results.size === 0;
  }

  toError(resultCount: number): NetBoxValidationError {
    const body: Record<string, readonly string[] | readonly FieldErrors[]> = { ...this.fields };
    if (this.results.size > 0) {
      body.results = Array.from({ length: resultCount }, (_, index) => this.results.get(index) ?? {});
    }
    return new NetBoxValidationError(body);
  }
}
