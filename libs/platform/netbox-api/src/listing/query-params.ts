/** A parsed query string as Express 5 (and Nest's `@Query()`) gives it: repeated keys become arrays. */
export type QueryParams = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Every value of a query parameter, in order. */
export function valuesOf(query: QueryParams, name: string): readonly string[] {
  const value = Object.hasOwn(query, name) ? query[name] : undefined;
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** The last value of a query parameter, which is what Django's `QueryDict[name]` returns. */
export function lastValueOf(query: QueryParams, name: string): string | undefined {
  return valuesOf(query, name).at(-1);
}
