import type { Router, Request, Response } from 'express';
import { ConsoleApiClient } from './api/console-api.client';
import { renderPage } from './html/layout';
import { html } from './html/safe-html';
import { alert } from './html/widgets';
import type { ConsoleSession, ConsoleSessionStore } from './session/console-session.store';
import { passesCsrfCheck } from './session/csrf-check';
import { sessionIdOf } from './session/session-cookie';

/** What a page handler gets besides the request: the user's session and an API client with their token. */
export interface ConsoleContext {
  session: ConsoleSession;
  api: ConsoleApiClient;
}

export type ConsoleHandler = (request: Request, response: Response, context: ConsoleContext) => Promise<void>;

/**
 * Registers the console's routes with the checks each kind needs, so no page can forget them: a page
 * (GET) needs a session; an action (POST) needs a session, this origin and the CSRF token, and, unless
 * it only reads, a write-enabled token. The API refuses a read-only token's writes too; the console
 * refuses first, so a forged POST never reaches the API.
 */
export class ConsoleRoutes {
  constructor(
    readonly router: Router,
    readonly sessions: ConsoleSessionStore,
    readonly apiUrl: string,
  ) {}

  page(path: string, handler: ConsoleHandler): void {
    this.router.get(path, async (request, response) => {
      const context = this.contextOf(request);
      if (!context) return signInFirst(request, response);
      await handler(request, response, context);
    });
  }

  action(path: string, handler: ConsoleHandler, { writes = true }: { writes?: boolean } = {}): void {
    this.router.post(path, async (request, response) => {
      const context = this.contextOf(request);
      if (!context) return refuse(response, 403, 'Your session has expired: sign in again.');
      if (!passesCsrfCheck(request, context.session)) {
        return refuse(response, 403, 'CSRF verification failed. Request aborted.', context.session);
      }
      if (writes && !context.session.writeEnabled) {
        return refuse(
          response,
          403,
          'Your API token is read-only: it cannot change anything.',
          context.session,
        );
      }
      await handler(request, response, context);
    });
  }

  /** Same checks as a page, for the server-sent event stream. */
  stream(path: string, handler: ConsoleHandler): void {
    this.router.get(path, async (request, response) => {
      const context = this.contextOf(request);
      if (!context) return void response.status(403).end();
      await handler(request, response, context);
    });
  }

  private contextOf(request: Request): ConsoleContext | undefined {
    const session = this.sessions.find(sessionIdOf(request));
    if (!session) return undefined;
    const requestId = request.headers['x-request-id'];
    return {
      session,
      api: new ConsoleApiClient(
        this.apiUrl,
        session.token,
        typeof requestId === 'string' ? requestId : undefined,
      ),
    };
  }
}

function signInFirst(request: Request, response: Response): void {
  response.redirect(303, `/login/?${new URLSearchParams({ next: request.originalUrl })}`);
}

/** NetBox's wording for a refused CSRF check; the page says what happened and changes nothing. */
export function refuse(response: Response, status: number, message: string, session?: ConsoleSession): void {
  response
    .status(status)
    .type('html')
    .send(
      renderPage({
        title: status === 403 ? 'Forbidden' : 'Error',
        session,
        body: html`${alert([message])}
          <p><a href="/">Back to the overview</a></p>`,
      }),
    );
}
