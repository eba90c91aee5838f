/** NetBox's `is_api_request()`: the path is under the API root `/api/`. */
export function isApiPath(path: string): boolean {
  return path.startsWith('/api/');
}

export function pathOf(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}
