import { readBulkTargets } from './bulk-operation.input';

/** One object a write names, and what to apply to it. */
export interface RequestedChange {
  id: number;
  body: unknown;
}

/** A request without a body reads as `{}`, as DRF's `request.data` does. */
export function requestData(body: unknown): unknown {
  return body === undefined ? {} : body;
}

/**
 * The objects an update or delete names, as NetBox's views read them: on a detail route (`id` given) the
 * one object of the path with the whole body; on the list route (bulk) each item of the body, with its `id`.
 */
export function requestedChanges(body: unknown, id?: number): RequestedChange[] {
  return id === undefined ? readBulkTargets(requestData(body)) : [{ id, body: requestData(body) }];
}
