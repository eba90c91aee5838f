import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/** 404 `{"detail": "Not found."}`: DRF's `Http404` text, which pynetbox's `.get(id)` turns into `None`. */
export class NotFoundError extends NetBoxApiError {
  readonly status = 404;

  constructor() {
    super('Not found.');
    this.name = 'NotFoundError';
  }

  body(): DetailBody {
    return { detail: 'Not found.' };
  }
}
