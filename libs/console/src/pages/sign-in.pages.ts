import type { Request, Response } from 'express';
import { ConsoleApiClient, type ApiPage } from '../api/console-api.client';
import { type ConsoleRoutes, refuse } from '../console-routes';
import { renderField, type FieldErrors } from '../html/form-fields';
import { renderPage } from '../html/layout';
import { html } from '../html/safe-html';
import { alert } from '../html/widgets';
import { isSameOrigin } from '../session/csrf-check';
import { clearSessionCookie, setSessionCookie } from '../session/session-cookie';

interface TokenRow {
  display: string;
  write_enabled: boolean;
  expires: string | null;
  user: { username: string };
}

/** Only a path of this console, never `//elsewhere` (an open redirect). */
function localPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/';
}

function signInPage(next: string, errors: FieldErrors = {}): string {
  return renderPage({
    title: 'Sign in',
    body: html`<form method="post" action="/login/" class="form narrow" novalidate>
      ${alert(errors[''] ?? [])}
      <input type="hidden" name="next" value="${next}" />
      ${renderField(
        {
          name: 'token',
          label: 'API token',
          kind: 'password',
          required: true,
          help: 'The 40-character key of your API token (npm start prints the admin token). A read-only token opens a read-only console. The key stays on the server; your browser only gets a session cookie.',
        },
        undefined,
        errors.token,
      )}
      <button type="submit" class="button primary">Sign in</button>
    </form>`,
  });
}

/** Sign-in with an API token (checked against the API itself), and sign-out. */
export function registerSignInPages(routes: ConsoleRoutes): void {
  routes.router.get('/login/', (request: Request, response: Response) => {
    response.type('html').send(signInPage(localPath(request.query.next)));
  });

  routes.router.post('/login/', async (request: Request, response: Response) => {
    // No session yet, so no synchronizer token: the origin check keeps other sites from signing a
    // browser in to an account of theirs (login CSRF).
    if (!isSameOrigin(request)) return refuse(response, 403, 'CSRF verification failed. Request aborted.');
    const form = request.body as Record<string, string | undefined>;
    const next = localPath(form.next);
    const token = (form.token ?? '').trim();
    if (!token)
      return void response
        .status(400)
        .type('html')
        .send(signInPage(next, { token: ['This field is required.'] }));
    const api = new ConsoleApiClient(routes.apiUrl, token);
    const answer = await api.get<ApiPage<TokenRow>>('/api/users/tokens/', {
      key: token.slice(-6),
      limit: 1000,
    });
    if (answer.status === 403) {
      return void response
        .status(400)
        .type('html')
        .send(
          signInPage(next, { token: ['Invalid token: the API refused it (unknown, revoked or expired).'] }),
        );
    }
    if (answer.status !== 200) {
      return void response
        .status(502)
        .type('html')
        .send(signInPage(next, { '': [`The API answered ${answer.status}.`] }));
    }
    // The key is stored hashed; its last six characters find its row (several rows: trust the least).
    const rows = answer.body.results.filter((row) => row.display.endsWith(token.slice(-6)));
    const expires = rows.map((row) => (row.expires ? Date.parse(row.expires) : Infinity));
    const session = routes.sessions.open({
      token,
      username: rows[0]?.user.username ?? 'unknown',
      writeEnabled: rows.length > 0 && rows.every((row) => row.write_enabled),
      tokenExpiresAt: expires.length ? Math.min(...expires) : undefined,
    });
    setSessionCookie(request, response, session.id, session.expiresAt);
    response.redirect(303, next);
  });

  routes.action(
    '/logout/',
    async (request, response, { session }) => {
      routes.sessions.close(session.id);
      clearSessionCookie(request, response);
      response.redirect(303, '/login/');
    },
    { writes: false },
  );
}
