import { html, type HtmlValue, type SafeHtml } from './safe-html';
import { CSRF_FIELD } from '../session/csrf-check';
import type { ConsoleSession } from '../session/console-session.store';

export interface PageOptions {
  title: string;
  session?: ConsoleSession;
  /** Which main menu entry is the current page (`aria-current`). */
  section?: string;
  body: HtmlValue;
  /** Buttons beside the title (NetBox's "Add", "Edit", ...). */
  actions?: HtmlValue;
}

const MENU: ReadonlyArray<{ section: string; href: string; label: string }> = [
  { section: 'overview', href: '/', label: 'Overview' },
  { section: 'webhooks', href: '/extras/webhooks/', label: 'Webhooks' },
  { section: 'deliveries', href: '/extras/webhook-deliveries/', label: 'Deliveries' },
  { section: 'tests', href: '/plugins/validity/tests/', label: 'Compliance tests' },
  { section: 'reports', href: '/plugins/validity/reports/', label: 'Reports' },
  { section: 'results', href: '/plugins/validity/results/', label: 'Results' },
  { section: 'tokens', href: '/users/tokens/', label: 'API tokens' },
];

/** The hidden field every console form carries. */
export function csrfField(session: ConsoleSession): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${session.csrfToken}" />`;
}

/** A one-button form for an action (sign out, enable, redeliver): a POST, never a link. */
export function actionButton(
  session: ConsoleSession,
  action: string,
  label: string,
  style: 'primary' | 'danger' | 'plain' = 'plain',
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">
    ${csrfField(session)}<button type="submit" class="button ${style}">${label}</button>
  </form>`;
}

/** Every console page: skip link, landmarks, the menu, one `h1`; no inline script or style (CSP). */
export function renderPage({ title, session, section, body, actions }: PageOptions): string {
  const menu = session
    ? html`<nav aria-label="Main menu">
          <ul class="menu">
            ${MENU.map(
              (entry) =>
                html`<li>
                  <a href="${entry.href}" ${entry.section === section ? html` aria-current="page"` : ''}
                    >${entry.label}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <div class="user">
          <span
            >${session.username}${session.writeEnabled ? '' : html` <span class="badge">read-only</span>`}</span
          >
          ${actionButton(session, '/logout/', 'Sign out')}
        </div>`
    : '';
  return `<!DOCTYPE html>${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} | Validity Events</title>
        <link rel="stylesheet" href="/console-assets/console.css" />
        <script src="/console-assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="top">
          <a class="brand" href="/">Validity Events</a>
          ${menu}
        </header>
        <main id="main" tabindex="-1">
          <div class="title-row">
            <h1>${title}</h1>
            ${actions ? html`<div class="actions">${actions}</div>` : ''}
          </div>
          ${body}
        </main>
      </body>
    </html>`.value
  }`;
}
