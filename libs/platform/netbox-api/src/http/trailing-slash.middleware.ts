import type { RequestHandler } from 'express';
import { NotFoundError } from '../errors/not-found.error';
import { isApiPath, pathOf } from './api-path';

// Swagger UI's files (`/api/docs/swagger-ui.css`, ...) are files, not API resources.
const SWAGGER_UI_ASSETS = '/api/docs/';

/**
 * NetBox API paths end with `/` and Django's `APPEND_SLASH` answers a GET without it with a 301 to the
 * slash form. Nest strips trailing slashes from route paths and Express matches both forms, so this
 * middleware restores NetBox's behaviour before routing: GET/HEAD are redirected (query kept, relative
 * `Location` as Django sends it); other methods get 404, because a redirect would make clients drop or
 * re-send the body (Django itself refuses to redirect those in DEBUG mode).
 */
export function trailingSlashRedirect(): RequestHandler {
  return (req, res, next) => {
    const path = pathOf(req.originalUrl);
    if ((path !== '/api' && !isApiPath(path)) || path.endsWith('/') || path.startsWith(SWAGGER_UI_ASSETS)) {
      next();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next(new NotFoundError());
      return;
    }
    res.statusCode = 301;
    res.setHeader('Location', `${path}/${req.originalUrl.slice(path.length)}`);
    res.end();
  };
}
