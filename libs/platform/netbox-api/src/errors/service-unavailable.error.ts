import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/** 503: a dependency did not answer, nothing was accepted, and the same request may be sent again. */
export class ServiceUnavailableError extends NetBoxApiError {
  readonly status = 503;

  constructor(detail: string) {
    super(detail);
    this.name = 'ServiceUnavailableError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
