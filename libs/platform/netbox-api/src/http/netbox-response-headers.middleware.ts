import type { Express, RequestHandler } from 'express';
import { isApiPath, pathOf } from './api-path';

/**
 * Headers Django adds to every NetBox 3.6 response: `XFrameOptionsMiddleware` with NetBox's
 * `X_FRAME_OPTIONS = 'SAMEORIGIN'`, and `SecurityMiddleware` with Django 4.2's defaults
 * (`SECURE_CONTENT_TYPE_NOSNIFF`, `SECURE_REFERRER_POLICY`, `SECURE_CROSS_ORIGIN_OPENER_POLICY`).
 * Set first, so a handler that needs another value (a web page) may still replace them.
 */
export const NETBOX_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * `Vary` of a NetBox 3.6 API answer, in the order the layers add it: DRF's view (`Accept`, as it has two
 * renderers), then Django's `SessionMiddleware` (`Cookie`: DRF's session authentication reads the
 * session on every API request), then django-cors-headers (`origin`, on every path by default).
 */
export const NETBOX_API_VARY = 'Accept, Cookie, origin';

/** DRF's `allowed_methods` order (`http_method_names`), HEAD and OPTIONS included. */
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * Express's `app.all()` (Nest's `@All()`) registers the route for every method Node knows, WebDAV's
 * included; no API route declares those, so they mark a catch-all.
 */
function isCatchAll(methods: Record<string, boolean>): boolean {
  return methods._all === true || methods.propfind === true;
}

/**
 * The methods the app's routes declare for `path` (Nest's `@All()` catch-alls, which answer 405, do not
 * count), as DRF lists them in `Allow`: GET brings HEAD, OPTIONS is always there. `undefined` when no
 * route serves the path (Django's 404 for an unknown URL carries no `Allow`).
 */
export function allowedMethods(app: Express, path: string): string[] | undefined {
  const stack = (app as unknown as { router?: { stack: RouteLayer[] } }).router?.stack ?? [];
  const declared = new Set<string>();
  let served = false;
  for (const layer of stack) {
    if (!layer.route || !layer.match(path)) continue;
    served = true;
    if (isCatchAll(layer.route.methods)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on) declared.add(method.toUpperCase());
    }
  }
  if (!served || declared.size === 0) return undefined;
  if (declared.has('GET')) declared.add('HEAD');
  declared.add('OPTIONS');
  return METHOD_ORDER.filter((method) => declared.has(method));
}

/**
 * NetBox 3.6's response headers on every answer of this service: the security headers everywhere, and
 * under `/api/` DRF's `Allow` (the route's methods, on every answer, not only 405 and OPTIONS), `Vary`,
 * and `Content-Type: application/json` without the `charset` parameter Express adds (DRF's
 * `JSONRenderer` has no charset, JSON being UTF-8 by definition).
 */
export function netboxResponseHeaders(app: Express): RequestHandler {
  const allowOf = memoizedAllowedMethods(app);
  return (req, res, next) => {
    for (const [name, value] of Object.entries(NETBOX_SECURITY_HEADERS)) res.setHeader(name, value);
    const path = pathOf(req.originalUrl);
    if (!isApiPath(path)) return next();
    res.setHeader('Vary', NETBOX_API_VARY);
    const allow = allowOf(path);
    if (allow) res.setHeader('Allow', allow.join(', '));
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) =>
      setHeader(name, name.toLowerCase() === 'content-type' ? withoutJsonCharset(value) : value);
    next();
  };
}

/** Paths remembered; a path holds an object id, so the memo is emptied when it reaches this many. */
const MEMOIZED_PATHS = 1_000;

/**
 * `allowedMethods` remembered by path: it tries every route of the app on every answer (about 40 path
 * regexes), and the routes do not change once the app serves requests.
 */
function memoizedAllowedMethods(app: Express): (path: string) => string[] | undefined {
  const memo = new Map<string, string[] | undefined>();
  return (path) => {
    if (memo.has(path)) return memo.get(path);
    if (memo.size >= MEMOIZED_PATHS) memo.clear();
    const allow = allowedMethods(app, path);
    memo.set(path, allow);
    return allow;
  };
}

function withoutJsonCharset(value: number | string | readonly string[]): number | string | readonly string[] {
  return typeof value === 'string' && /^application\/json;\s*charset=utf-8$/i.test(value)
    ? 'application/json'
    : value;
}
