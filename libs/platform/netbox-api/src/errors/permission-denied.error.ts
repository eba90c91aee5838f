import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/**
 * 403 with DRF's `PermissionDenied` text by default. NetBox answers 403 (never 401) for missing or bad
 * tokens too, with their own detail (`Invalid token`, ...), hence the optional argument.
 */
export class PermissionDeniedError extends NetBoxApiError {
  readonly status = 403;

  constructor(detail = 'You do not have permission to perform this action.') {
    super(detail);
    this.name = 'PermissionDeniedError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
