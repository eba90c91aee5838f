import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/** 415 with DRF's `UnsupportedMediaType` text, quoting the request's Content-Type as sent. */
export class UnsupportedMediaTypeError extends NetBoxApiError {
  readonly status = 415;

  constructor(readonly contentType: string) {
    super(`Unsupported media type "${contentType}" in request.`);
    this.name = 'UnsupportedMediaTypeError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
