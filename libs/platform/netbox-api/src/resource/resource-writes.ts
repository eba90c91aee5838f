import type { Request } from 'express';
import type { RequestChangeContext } from '../http/authenticated-token';
import type { RequestedChange } from '../input/bulk-operation';

/** What a write route hands the controller's `writes`: who writes, and the client's base URL. */
export interface WriteView {
  /** Scheme and host the client used, without a final slash (`@BaseUrl()`). */
  base: string;
  request: Request;
  change: RequestChangeContext;
}

/** A delete answers no representation, so it reads no base URL (a malformed `Host` cannot fail it). */
export type RemoveView = Omit<WriteView, 'base'>;

/**
 * One use-case call per verb, for the write routes a resource declares (`writes`): `create` (POST on the
 * list route), `update` (PUT with `partial` false, PATCH with true) and `remove` (DELETE). The body is
 * handed on as sent; each returns what it wrote, which the kit answers as the controller's
 * `representWritten`, else its full `represent` (201 with `Location` for a create, 204 for a delete).
 */
export interface ResourceWrites<Written> {
  create?(body: unknown, view: WriteView): Promise<Written>;
  update?(id: number, body: unknown, partial: boolean, view: WriteView): Promise<Written>;
  remove?(id: number, view: RemoveView): Promise<void>;
}

/**
 * The writes of a resource with NetBox's bulk forms (`bulk` in its declaration): every write is a command
 * over a list, `bulk` false for the detail routes (one object: an unknown id is a 404) and for a create
 * with one body. What they return is answered in the order returned.
 */
export interface BulkResourceWrites<Written> {
  create?(
    command: { bodies: readonly unknown[]; bulk: boolean },
    view: WriteView,
  ): Promise<readonly Written[]>;
  update(
    command: { changes: readonly RequestedChange[]; partial: boolean; bulk: boolean },
    view: WriteView,
  ): Promise<readonly Written[]>;
  remove(command: { ids: readonly number[]; bulk: boolean }, view: RemoveView): Promise<void>;
}

/** What a controller gives the kit's write routes: its `writes`, and how a written object is answered. */
export interface ResourceWriter<Written> {
  readonly writes: ResourceWrites<Written> | BulkResourceWrites<Written>;
  /** The answer to a write when it differs from the full representation (a secret shown once). */
  representWritten?(written: Written, view: WriteView): unknown;
}
