import type { Request } from 'express';
import { paginate, parsePagination, type Page, type Pagination } from '../listing/pagination';
import type { QueryParams } from '../listing/query-params';
import { requestUrl } from '../http/request-url';

/** What a resource's list query returns for one page: the total and that page's rows. */
export interface LoadedPage<T> {
  count: number;
  results: readonly T[];
}

/**
 * A NetBox list answer: `limit`/`offset` read from the query, one page loaded, each row represented,
 * `next`/`previous` built from the URL the client asked for.
 */
export async function listPage<T, R>(
  request: Request,
  query: QueryParams,
  load: (page: Pagination) => Promise<LoadedPage<T>>,
  represent: (row: T) => R,
): Promise<Page<R>> {
  const page = parsePagination(query);
  const { count, results } = await load(page);
  return paginate(
    requestUrl(request),
    count,
    results.map((row) => represent(row)),
    page,
  );
}
