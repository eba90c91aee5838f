import { DrfField } from './drf-field';
import { integerField } from './drf-field-parsers';
import { DRF_MESSAGES } from './drf-messages';
import { inputErrors } from './validate-input';
import { NetBoxValidationError } from '../errors/netbox-validation.error';

const parseId = integerField({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

/** One item of a bulk PUT/PATCH/DELETE body: NetBox's `BulkOperationSerializer` (`id` only). */
export class BulkOperationItem {
  @DrfField(parseId)
  id?: number;
}

/** One object a write names, and what to apply to it. */
export interface RequestedChange {
  id: number;
  /** The body of a detail route; of a bulk item, the whole item (`id` included, which inputs ignore). */
  body: unknown;
}

/** A request without a body reads as `{}`, as DRF's `request.data` does. */
export function requestData(body: unknown): unknown {
  return body === undefined ? {} : body;
}

/**
 * Reads the body of a bulk operation on the list route: a list of objects with an integer `id`. Shape
 * errors are answered as DRF answers them for `BulkOperationSerializer(many=True)`: a non-list body as
 * `{"non_field_errors": [...]}`, bad items as an array aligned with the input, `{}` for the good ones.
 */
export function readBulkTargets(body: unknown): RequestedChange[] {
  if (!Array.isArray(body))
    throw new NetBoxValidationError({ non_field_errors: [DRF_MESSAGES.notAList(body)] });
  const errors = body.map((item) => inputErrors(BulkOperationItem, item, { required: ['id'] }) ?? {});
  if (errors.some((itemErrors) => Object.keys(itemErrors).length > 0))
    throw new NetBoxValidationError(errors);
  return (body as Array<Record<string, unknown>>).map((item) => ({
    id: parseId(item.id) as number,
    body: item,
  }));
}

/**
 * The objects an update or delete names, as NetBox's views read them: on a detail route (`id` given) the
 * one object of the path with the whole body; on the list route (bulk) each item of the body, with its `id`.
 */
export function requestedChanges(body: unknown, id?: number): RequestedChange[] {
  return id === undefined ? readBulkTargets(requestData(body)) : [{ id, body: requestData(body) }];
}
