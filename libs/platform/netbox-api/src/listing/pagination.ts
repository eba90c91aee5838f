import { lastValueOf, type QueryParams } from './query-params';

/** One page of a list request. */
export interface Pagination {
  readonly limit: number;
  readonly offset: number;
}

/** NetBox's list body (`OptionalLimitOffsetPagination`). */
export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface PaginationOptions {
  /** NetBox's `PAGINATE_COUNT`. */
  defaultLimit?: number;
  /** NetBox's `MAX_PAGE_SIZE`. */
  maxLimit?: number;
}

/**
 * `limit`/`offset` as NetBox 3.6 reads them: `limit=0` means the maximum (pynetbox's `.all()` sends it),
 * a larger limit is capped, a non-integer or negative one falls back to the default; a bad or negative
 * offset is 0. Python's `int()` accepts surrounding blanks and a sign, so these do too.
 */
export function parsePagination(
  query: QueryParams,
  { defaultLimit = 50, maxLimit = 1000 }: PaginationOptions = {},
): Pagination {
  const limit = nonNegativeInteger(lastValueOf(query, 'limit'));
  const offset = nonNegativeInteger(lastValueOf(query, 'offset'));
  return {
    limit: limit === undefined ? defaultLimit : limit === 0 ? maxLimit : Math.min(limit, maxLimit),
    offset: offset ?? 0,
  };
}

function nonNegativeInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Wraps one page of results in NetBox's list body. `next`/`previous` are the request URL with `limit`
 * and `offset` replaced, as DRF's `replace_query_param` does (which also sorts the parameters):
 * `next` is null on the last page; `previous` is null at offset 0 and drops `offset` when it would be
 * 0 or less.
 */
export function paginate<T>(requestUrl: URL, count: number, results: T[], page: Pagination): Page<T> {
  const { limit, offset } = page;
  const next = offset + limit >= count ? null : pageUrl(requestUrl, limit, offset + limit);
  const previous = offset <= 0 ? null : pageUrl(requestUrl, limit, offset - limit);
  return { count, next, previous, results };
}

function pageUrl(requestUrl: URL, limit: number, offset: number): string {
  const url = new URL(requestUrl);
  url.searchParams.set('limit', String(limit));
  if (offset > 0) url.searchParams.set('offset', String(offset));
  else url.searchParams.delete('offset');
  url.searchParams.sort();
  return url.href;
}
