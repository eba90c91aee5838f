import type { ServerResponse } from 'node:http';

/**
 * Answers a create the NetBox way: 201 with `Location` = the new object's absolute `url`. For a handler
 * that takes `@Res({ passthrough: true }) res` and returns the body:
 * `return created(res, body.url, body)`.
 */
export function created<T>(res: ServerResponse, location: string, body: T): T {
  res.statusCode = 201;
  res.setHeader('Location', location);
  return body;
}
