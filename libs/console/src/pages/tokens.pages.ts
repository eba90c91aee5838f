import type { Response } from 'express';
import { ApiCallError } from '../api/api-call.error';
import type { ConsoleContext, ConsoleRoutes } from '../console-routes';
import {
  fieldErrorsOf,
  formMessages,
  renderField,
  type FieldErrors,
  type FieldSpec,
  type FormValues,
} from '../html/form-fields';
import { when, yesNo } from '../html/format';
import { actionButton, csrfField, renderPage } from '../html/layout';
import { html, type SafeHtml } from '../html/safe-html';
import { alert, table } from '../html/widgets';

type Token = Record<string, unknown> & { id: number; display: string; user: { username: string } };

const API = '/api/users/tokens/';

const TOKEN_FIELDS: readonly FieldSpec[] = [
  {
    name: 'write_enabled',
    label: 'Write enabled',
    kind: 'checkbox',
    help: 'Permit create/update/delete operations using this key.',
  },
  {
    name: 'expires',
    label: 'Expires',
    kind: 'text',
    help: 'Optional, e.g. 2027-01-31T00:00:00Z. Blank: never.',
  },
  { name: 'description', label: 'Description', kind: 'text' },
];

function send(
  response: Response,
  context: ConsoleContext,
  title: string,
  body: SafeHtml,
  status = 200,
  actions?: SafeHtml | string,
): void {
  response
    .status(status)
    .type('html')
    .send(renderPage({ title, section: 'tokens', session: context.session, body, actions }));
}

function tokenForm(context: ConsoleContext, values: FormValues, errors: FieldErrors): SafeHtml {
  return html`<form method="post" action="/users/tokens/add/" class="form narrow" novalidate>
    ${csrfField(context.session)} ${alert(formMessages(errors))}
    ${TOKEN_FIELDS.map((spec) => renderField(spec, values[spec.name], errors[spec.name]))}
    <div class="form-actions">
      <button type="submit" class="button primary">Create</button>
      <a class="button plain" href="/users/tokens/">Cancel</a>
    </div>
  </form>`;
}

/** API tokens: list, create (the key is shown once, in the create answer, as in NetBox), revoke. */
export function registerTokenPages(routes: ConsoleRoutes): void {
  routes.page('/users/tokens/', async (request, response, context) => {
    const result = await context.api.list<Token>(API, { limit: 1000 });
    const notice = typeof request.query.notice === 'string' ? request.query.notice : '';
    const body = html`${notice ? alert([notice], 'success') : ''}${table<Token>(
      'API tokens',
      [
        { label: 'Key', essential: true, cell: (token) => html`<code>${token.display}</code>` },
        { label: 'User', cell: (token) => token.user.username },
        { label: 'Write enabled', essential: true, cell: (token) => yesNo(token.write_enabled) },
        { label: 'Created', cell: (token) => when(token.created) },
        { label: 'Expires', cell: (token) => when(token.expires) },
        { label: 'Last used', cell: (token) => when(token.last_used) },
        { label: 'Description', cell: (token) => String(token.description ?? '') },
        {
          label: 'Actions',
          essential: true,
          cell: (token) =>
            context.session.writeEnabled
              ? actionButton(
                  context.session,
                  `/users/tokens/${token.id}/revoke/`,
                  `Revoke ${token.display.slice(-6)}`,
                  'danger',
                )
              : '',
        },
      ],
      result.results,
      'No tokens.',
    )}`;
    send(
      response,
      context,
      'API tokens',
      body,
      200,
      context.session.writeEnabled ? html`<a class="button primary" href="/users/tokens/add/">Add</a>` : '',
    );
  });

  routes.page('/users/tokens/add/', async (_request, response, context) =>
    send(response, context, 'Add a new API token', tokenForm(context, { write_enabled: true }, {})),
  );

  routes.action('/users/tokens/add/', async (request, response, context) => {
    const form = request.body as Record<string, string | undefined>;
    const values: FormValues = {
      write_enabled: form.write_enabled === 'true',
      expires: form.expires ?? '',
      description: form.description ?? '',
    };
    const answer = await context.api.send<Token & { key: string }>('POST', API, {
      write_enabled: values.write_enabled,
      expires: form.expires?.trim() ? form.expires.trim() : null,
      description: form.description ?? '',
    });
    if (answer.status !== 201) {
      return send(
        response,
        context,
        'Add a new API token',
        tokenForm(
          context,
          values,
          fieldErrorsOf(
            answer.body,
            TOKEN_FIELDS.map((f) => f.name),
          ),
        ),
        400,
      );
    }
    // The create answer is the only place the key ever appears; this page is not cached or linked.
    response.setHeader('Cache-Control', 'no-store');
    send(
      response,
      context,
      'API token created',
      html`${alert(['Copy this key now: it is shown only once and cannot be retrieved later.'], 'info')}
        <p>
          <label for="new-key">Key</label>
          <input id="new-key" class="code key" readonly value="${answer.body.key}" size="42" />
        </p>
        <p><a class="button" href="/users/tokens/">Back to API tokens</a></p>`,
    );
  });

  routes.action('/users/tokens/:id/revoke/', async (request, response, context) => {
    const answer = await context.api.send('DELETE', `${API}${Number(request.params.id)}/`);
    if (answer.status === 403) {
      const detail = (answer.body as { detail?: string } | null)?.detail ?? 'Refused.';
      return void response.redirect(303, `/users/tokens/?${new URLSearchParams({ notice: detail })}`);
    }
    if (answer.status !== 204) throw new ApiCallError(API, answer);
    response.redirect(303, '/users/tokens/?notice=Revoked+token');
  });
}
