import { NetBoxApiError, type DetailBody } from './netbox-api.error';

/**
 * 409 `{"detail": ...}`: a write based on a stale version of the object (optimistic concurrency in the
 * event store). NetBox has no such answer; it would have lost the update. pynetbox raises its
 * `RequestError` (or `AllocationError` for a POST) with this body.
 */
export class ConflictError extends NetBoxApiError {
  readonly status = 409;

  constructor(detail: string) {
    super(detail);
    this.name = 'ConflictError';
  }

  body(): DetailBody {
    return { detail: this.message };
  }
}
