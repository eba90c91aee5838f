import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/** 429 for a sender over its rate limit; the caller sets `Retry-After` on the response. */
export class TooManyRequestsError extends NetBoxApiError {
  readonly status = 429;

  constructor(detail: string) {
    super(detail);
    this.name = 'TooManyRequestsError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
