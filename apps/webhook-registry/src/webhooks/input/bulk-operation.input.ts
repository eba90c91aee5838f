import {
  DRF_MESSAGES,
  DrfField,
  inputErrors,
  integerField,
  NetBoxValidationError,
} from '@validity/platform/netbox-api';

const parseId = integerField({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

/** One item of a bulk PUT/PATCH/DELETE body: NetBox's `BulkOperationSerializer` (`id` only). */
export class BulkOperationItem {
  @DrfField(parseId)
  id?: number;
}

export interface BulkTarget {
  id: number;
  /** The whole item: for updates, the fields to change next to `id` (which the webhook input ignores). */
  body: Record<string, unknown>;
}

/**
 * Reads the body of a bulk operation on the list route: a list of objects with an integer `id`. Shape
 * errors are answered as DRF answers them for `BulkOperationSerializer(many=True)`: a non-list body as
 * `{"non_field_errors": [...]}`, bad items as an array aligned with the input, `{}` for the good ones.
 */
export function readBulkTargets(body: unknown): BulkTarget[] {
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
