import type { INestApplication } from '@nestjs/common';
import type { Express, RequestHandler } from 'express';
import { NetBoxExceptionFilter } from '../errors/netbox-exception.filter';
import { netboxJsonParser } from './netbox-json-parser';
import { netboxResponseHeaders } from './netbox-response-headers.middleware';
import { requestContext, type ApiVersion } from './request-context.middleware';
import { trailingSlashRedirect } from './trailing-slash.middleware';

/**
 * Proxies whose `X-Forwarded-*` headers are believed: the gateway runs on the same host or on a private
 * network, and NetBox URLs (`url` fields, `next`, `Location`) must name the gateway, not the service.
 */
const TRUSTED_PROXIES = 'loopback, linklocal, uniquelocal';

export interface NetBoxConventionsOptions {
  /** Largest accepted JSON body; defaults to `DEFAULT_BODY_LIMIT_BYTES`. */
  bodyLimitBytes?: number;
  /** Handlers that see every request once it has its id (access log, HTTP metrics), redirects included. */
  afterRequestContext?: RequestHandler[];
  /** Handlers that must see the raw body stream (the gateway's proxy): after request ids, before parsing. */
  beforeBodyParser?: RequestHandler[];
  /** The `API-Version` every `/api/` response carries (`NETBOX_API_VERSION`); 3.6 when absent. */
  apiVersion?: ApiVersion;
}

/**
 * Makes a Nest Express app speak NetBox 3.6 REST: `X-Request-ID`, `API-Version`, DRF's `Allow` and
 * `Vary` and Django's security headers (`netboxResponseHeaders`), the
 * lenient JSON parser with DRF's 415/400/413 answers, 301 to the trailing-slash form, and
 * NetBox-shaped error bodies for everything (unknown routes included). Call it before `listen()` on an
 * app created with `NestFactory.create(module, { bodyParser: false })`, so this parser is the only one.
 *
 * Routes: declare NetBox paths without caring about the final slash (`@Controller('api/extras/webhooks')`,
 * `@Get(':id')`): Nest strips it and Express matches both forms, and the redirect middleware makes the
 * slash form the only one served, as in NetBox. Declare `@Options()` handlers returning
 * `optionsMetadata(...)` where pynetbox's `choices()` must work.
 */
export function applyNetBoxConventions(app: INestApplication, options: NetBoxConventionsOptions = {}): void {
  const adapter = app.getHttpAdapter();
  if (adapter.getType() !== 'express') {
    throw new Error(`NetBox conventions need the Express platform, not ${adapter.getType()}`);
  }
  const express: Express = adapter.getInstance();
  express.set('trust proxy', TRUSTED_PROXIES);
  // NetBox answers without an ETag (Django's ConditionalGetMiddleware is not in its MIDDLEWARE), so never
  // a 304 to If-None-Match either; Express's default hashed every body it sent for one.
  express.set('etag', false);
  app.use(requestContext(options.apiVersion));
  for (const handler of options.afterRequestContext ?? []) app.use(handler);
  app.use(netboxResponseHeaders(express));
  app.use(trailingSlashRedirect());
  for (const handler of options.beforeBodyParser ?? []) app.use(handler);
  app.use(netboxJsonParser({ limitBytes: options.bodyLimitBytes }));
  app.useGlobalFilters(new NetBoxExceptionFilter());
}
