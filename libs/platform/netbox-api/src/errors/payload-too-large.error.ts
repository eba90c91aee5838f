import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/** 413 for a request body over the JSON parser's limit; the body names the limit so clients can split. */
export class PayloadTooLargeError extends NetBoxApiError {
  readonly status = 413;

  constructor(readonly limitBytes: number) {
    super(`Request body exceeds the limit of ${limitBytes} bytes.`);
    this.name = 'PayloadTooLargeError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
