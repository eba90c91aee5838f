import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/** 400 with DRF's `ParseError` text for a body that is not JSON: `JSON parse error - <parser message>`. */
export class JsonParseError extends NetBoxApiError {
  readonly status = 400;

  constructor(parserMessage: string) {
    super(`JSON parse error - ${parserMessage}`);
    this.name = 'JsonParseError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
