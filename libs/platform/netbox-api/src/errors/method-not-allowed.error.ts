import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/** 405 `{"detail": "Method \"POST\" not allowed."}`, e.g. writes to Validity's read-only report routes. */
export class MethodNotAllowedError extends NetBoxApiError {
  readonly status = 405;

  constructor(readonly method: string) {
    super(`Method "${method}" not allowed.`);
    this.name = 'MethodNotAllowedError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
