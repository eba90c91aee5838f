import { join } from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ConsoleRoutes, refuse } from './console-routes';
import { registerCompliancePages } from './pages/compliance.pages';
import { registerDeliveryPages } from './pages/deliveries.pages';
import { registerOverviewPage } from './pages/overview.pages';
import { registerSignInPages } from './pages/sign-in.pages';
import { registerTokenPages } from './pages/tokens.pages';
import { registerWebhookTestEventAction } from './pages/webhook-test-event.pages';
import { registerWebhookPages } from './pages/webhooks.pages';
import { ConsoleSessionStore } from './session/console-session.store';
import { sessionIdOf } from './session/session-cookie';

export interface ConsoleOptions {
  /** Where the console calls the public REST API (the gateway itself), e.g. `http://127.0.0.1:8000`. */
  apiUrl: string;
  /** The dispatcher's Prometheus endpoint, read for consumer lag and open circuits on the overview. */
  dispatcherMetricsUrl?: string;
}

/** Paths the console answers; everything else (`/api/`, `/health`, `/openapi.json`) passes through. */
const CONSOLE_PATHS = /^\/($|login\/|logout\/|extras\/|plugins\/|users\/|console-assets\/)/;

/**
 * No script, style or frame from anywhere else; no inline script or style attribute; forms post only
 * here. Pages are never cached (they show what a token may see) and never framed (clickjacking).
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/**
 * The web console as an Express router the gateway mounts at `/`: server-rendered pages over the public
 * API with the signed-in user's token (see libs/console/README.md for why this stack).
 */
export function consoleRouter(options: ConsoleOptions, sessions = new ConsoleSessionStore()): Router {
  const outer = Router();
  const inner = Router({ strict: true });
  const routes = new ConsoleRoutes(inner, sessions, options.apiUrl);

  inner.use(
    '/console-assets',
    express.static(join(__dirname, 'assets'), { fallthrough: false, maxAge: '1h', index: false }),
  );
  inner.use((_request, response, next) => {
    response.set(SECURITY_HEADERS);
    response.set('Cache-Control', 'no-store');
    next();
  });
  inner.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 200 }));
  registerSignInPages(routes);
  registerOverviewPage(routes, options.dispatcherMetricsUrl);
  registerWebhookPages(routes);
  registerWebhookTestEventAction(routes);
  registerDeliveryPages(routes);
  registerCompliancePages(routes);
  registerTokenPages(routes);
  inner.use((request: Request, response: Response) => {
    const session = sessions.find(sessionIdOf(request));
    refuse(response, 404, `Page not found: ${request.path}`, session);
  });
  inner.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if (response.headersSent) return void response.end();
    const session = sessions.find(sessionIdOf(request));
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500)
      return refuse(response, status, 'The request could not be read.', session);
    refuse(
      response,
      502,
      error instanceof Error ? error.message : 'The console could not reach the API.',
      session,
    );
  });

  outer.use((request, response, next) =>
    CONSOLE_PATHS.test(request.path) ? inner(request, response, next) : next(),
  );
  return outer;
}
