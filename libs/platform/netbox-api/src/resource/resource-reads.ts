import type { Request } from 'express';
import type { Pagination } from '../listing/pagination';
import type { QueryParams } from '../listing/query-params';
import type { LoadedPage } from './list-page';

/** What a request asks of a representation: brief or full, and the client's base URL for `url`s. */
export interface ResourceView {
  brief: boolean;
  /** Scheme and host the client used, without a final slash (`@BaseUrl()`). */
  base: string;
  request: Request;
}

/**
 * Where a resource's rows are read: a page of the list (with the client's filters, `?id=`, lookups,
 * `ordering` and `q` as sent) and one row by id, which throws `NotFoundError` (DRF's 404) when there is
 * none. A store whose `list(query, page)` and `get(id)` answer so is one as it is.
 */
export interface ResourceRows<Row> {
  list(query: QueryParams, page: Pagination, view: ResourceView): Promise<LoadedPage<Row>>;
  get(id: number, view: ResourceView): Promise<Row>;
}

/**
 * What a controller gives the kit's `list` and `get` routes: its rows and how one is represented. The
 * kit does the rest the same way for every resource: pagination and `next`/`previous`, `?brief`, the
 * `{id}` in its canonical form only, the base URL.
 */
export interface ResourceReads<Row> {
  readonly rows: ResourceRows<Row>;
  represent(row: Row, view: ResourceView): unknown;
}
