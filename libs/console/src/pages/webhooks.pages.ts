import type { Request, Response } from 'express';
// Shown masked as on public topics (the edit form alone holds them, for a write token): a page left
// open on a shared screen or in a screenshot does not give them away.
import { maskedHeaderValues, maskedUrlPassword } from '@validity/contracts';
import { ApiCallError } from '../api/api-call.error';
import type { ConsoleContext, ConsoleRoutes } from '../console-routes';
import {
  renderField,
  fieldErrorsOf,
  formMessages,
  type FieldErrors,
  type FieldSpec,
  type FormValues,
} from '../html/form-fields';
import { when, yesNo } from '../html/format';
import { actionButton, csrfField, renderPage } from '../html/layout';
import { html, type SafeHtml } from '../html/safe-html';
import { alert, badge, page, pager, table } from '../html/widgets';
import { deliveryColumns } from './deliveries.pages';
import { maskedWebhookSecrets, restoreMaskedSecrets } from './masked-webhook-secrets';
import {
  webhookHealth,
  type AttemptSummary,
  type DeliveryHealthEntry,
  type DeliverySummary,
  type WebhookHealth,
} from './webhook-health';
import {
  EVENT_FIELDS,
  NEW_WEBHOOK_VALUES,
  WEBHOOK_FIELDS,
  WEBHOOK_FIELD_NAMES,
  WEBHOOK_FIELDSETS,
  webhookBodyFromForm,
  webhookFormValues,
} from './webhook-form';

type Webhook = Record<string, unknown> & {
  id: number;
  name: string;
  enabled: boolean;
  content_types: string[];
};

const API = '/api/extras/webhooks/';
const DAY_MS = 24 * 60 * 60 * 1000;
const P95_SAMPLE = 20;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function secretFieldsOf(webhook: Record<string, unknown>) {
  return { payload_url: text(webhook.payload_url), additional_headers: text(webhook.additional_headers) };
}

function webhookForm(
  context: ConsoleContext,
  action: string,
  values: FormValues,
  errors: FieldErrors,
  cancel: string,
): SafeHtml {
  return html`<form method="post" action="${action}" class="form" novalidate>
    ${csrfField(context.session)} ${alert(formMessages(errors))}
    ${WEBHOOK_FIELDSETS.map(
      ({ legend, fields }) =>
        html`<fieldset>
          <legend>${legend}</legend>
          ${fields.map((name) => {
            const spec = WEBHOOK_FIELDS.find((field) => field.name === name)!;
            return renderField(spec, values[name], errors[name]);
          })}
        </fieldset>`,
    )}
    <div class="form-actions">
      <button type="submit" class="button primary">Save</button>
      <a class="button plain" href="${cancel}">Cancel</a>
    </div>
  </form>`;
}

async function loadWebhook(context: ConsoleContext, id: string): Promise<Webhook | undefined> {
  const answer = await context.api.get<Webhook>(`${API}${Number(id)}/`);
  if (answer.status === 404) return undefined;
  if (answer.status !== 200) throw new ApiCallError(API, answer);
  return answer.body;
}

function notFound(response: Response, context: ConsoleContext): void {
  response
    .status(404)
    .type('html')
    .send(
      renderPage({
        title: 'Not found',
        session: context.session,
        body: alert(['No webhook matches the given query.']),
      }),
    );
}

async function listPage(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const query = request.query as Record<string, string>;
  const { page: current, perPage, offset } = page(query);
  const filters: Record<string, string> = {};
  for (const name of ['q', 'content_types', 'event', 'enabled'])
    if (text(query[name])) filters[name] = text(query[name]);
  const result = await context.api.list<Webhook>(API, {
    q: filters.q,
    content_types: filters.content_types,
    enabled: filters.enabled,
    ...(filters.event ? { [`type_${filters.event}`]: 'true' } : {}),
    limit: perPage,
    offset,
  });
  const contentTypes = WEBHOOK_FIELDS.find((field) => field.name === 'content_types')!.choices!;
  const body = html`<form method="get" class="filters" role="search" aria-label="Filter webhooks">
      <div class="field">
        <label for="f_q">Search</label><input id="f_q" name="q" type="search" value="${filters.q ?? ''}" />
      </div>
      <div class="field">
        <label for="f_ct">Content type</label
        ><select id="f_ct" name="content_types">
          <option value="">Any</option>
          ${contentTypes.map(
            (choice) =>
              html`<option
                value="${choice.value}"
                ${filters.content_types === choice.value ? html` selected` : ''}
              >
                ${choice.label}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="f_event">Event</label
        ><select id="f_event" name="event">
          <option value="">Any</option>
          ${EVENT_FIELDS.map((field) => field.slice(5)).map(
            (event) =>
              html`<option value="${event}" ${filters.event === event ? html` selected` : ''}>
                ${event.replace('_', ' ')}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="f_enabled">Enabled</label
        ><select id="f_enabled" name="enabled">
          <option value="">Any</option>
          <option value="true" ${filters.enabled === 'true' ? html` selected` : ''}>Yes</option>
          <option value="false" ${filters.enabled === 'false' ? html` selected` : ''}>No</option>
        </select>
      </div>
      <button type="submit" class="button">Filter</button>
    </form>
    ${table<Webhook>(
      'Webhooks',
      [
        {
          label: 'Name',
          essential: true,
          cell: (hook) => html`<a href="/extras/webhooks/${hook.id}/">${hook.name}</a>`,
        },
        { label: 'Content types', cell: (hook) => hook.content_types.join(', ') },
        {
          label: 'Events',
          cell: (hook) =>
            EVENT_FIELDS.filter((field) => hook[field] === true)
              .map((field) => field.slice(5))
              .join(', '),
        },
        { label: 'URL', cell: (hook) => html`<code>${maskedUrlPassword(text(hook.payload_url))}</code>` },
        { label: 'Enabled', essential: true, cell: (hook) => yesNo(hook.enabled) },
      ],
      result.results,
      'No webhooks found.',
    )}
    ${pager('/extras/webhooks/', filters, current, perPage, result.count)}`;
  response.type('html').send(
    renderPage({
      title: 'Webhooks',
      section: 'webhooks',
      session: context.session,
      actions: context.session.writeEnabled
        ? html`<a class="button primary" href="/extras/webhooks/add/">Add</a>`
        : '',
      body,
    }),
  );
}

async function healthOf(context: ConsoleContext, id: number) {
  const since = new Date(Date.now() - DAY_MS).toISOString();
  const deliveries = await context.api.list<DeliverySummary & { id: number }>(
    '/api/extras/webhook-deliveries/',
    {
      webhook_id: id,
      created__gte: since,
      limit: 1000,
    },
  );
  const details = await Promise.all(
    deliveries.results
      .slice(0, P95_SAMPLE)
      .map((delivery) =>
        context.api.get<{ attempts?: AttemptSummary[] }>(`/api/extras/webhook-deliveries/${delivery.id}/`),
      ),
  );
  const attempts = details.flatMap((detail) => (detail.status === 200 ? (detail.body.attempts ?? []) : []));
  const circuit = await context.api.list<DeliveryHealthEntry>('/api/extras/webhook-deliveries/health/', {
    webhook_id: id,
  });
  return {
    health: webhookHealth(deliveries.results, attempts, circuit.results[0] ?? null),
    total: deliveries.count,
    latest: deliveries.results.slice(0, 10),
  };
}

async function detailPage(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const hook = await loadWebhook(context, String(request.params.id));
  if (!hook) return notFound(response, context);
  const { health, total, latest } = await healthOf(context, hook.id);
  const publicKey = hook.asymmetric_signature === true ? await publicKeyOf(context, hook.id) : null;
  const rate = health.successRate === null ? '—' : `${(health.successRate * 100).toFixed(1)} %`;
  const write = context.session.writeEnabled;
  const actions = write
    ? html`<a class="button" href="/extras/webhooks/${hook.id}/edit/">Edit</a>
        ${actionButton(context.session, `/extras/webhooks/${hook.id}/${hook.enabled ? 'disable' : 'enable'}/`, hook.enabled ? 'Disable' : 'Enable')}
        ${hook.enabled ? actionButton(context.session, `/extras/webhooks/${hook.id}/test/`, 'Send a test event') : ''}
        <a class="button danger" href="/extras/webhooks/${hook.id}/delete/">Delete</a>`
    : '';
  const notice = text(request.query.notice);
  const body = html`${notice ? alert([notice], 'success') : ''}
    <div class="cards">
      <section class="card" aria-labelledby="h-webhook">
        <h2 id="h-webhook">Webhook</h2>
        <dl class="attrs">
          <dt>Enabled</dt>
          <dd>${yesNo(hook.enabled)}</dd>
          <dt>Content types</dt>
          <dd>${hook.content_types.join(', ')}</dd>
          <dt>Events</dt>
          <dd>
            ${
              EVENT_FIELDS.filter((field) => hook[field] === true)
                .map((field) => field.slice(5))
                .join(', ') || '—'
            }
          </dd>
          <dt>HTTP request</dt>
          <dd><code>${text(hook.http_method)} ${maskedUrlPassword(text(hook.payload_url))}</code></dd>
          <dt>HTTP content type</dt>
          <dd>${text(hook.http_content_type) || '—'}</dd>
          <dt>Additional headers</dt>
          <dd>
            ${text(hook.additional_headers) ? html`<pre>${maskedHeaderValues(text(hook.additional_headers))}</pre>` : '—'}
          </dd>
          <dt>Body template</dt>
          <dd>${text(hook.body_template) ? html`<pre>${text(hook.body_template)}</pre>` : '—'}</dd>
          <dt>Secret</dt>
          <dd>${hook.secret ? '********' : '—'}</dd>
          <dt>Conditions</dt>
          <dd>${hook.conditions ? html`<pre>${JSON.stringify(hook.conditions, null, 2)}</pre>` : '—'}</dd>
          <dt>SSL verification</dt>
          <dd>${yesNo(hook.ssl_verification)}</dd>
          <dt>Timeout</dt>
          <dd>
            ${hook.timeout === null || hook.timeout === undefined ? 'default' : `${String(hook.timeout)} s`}
          </dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="h-delivery-options">
        <h2 id="h-delivery-options">Delivery options</h2>
        <dl class="attrs">
          <dt>Ordering</dt>
          <dd>${text(hook.ordering) || 'unordered'}</dd>
          <dt>Rate limit</dt>
          <dd>
            ${typeof hook.rate_limit_per_second === 'number' ? `${hook.rate_limit_per_second} per second` : 'unlimited'}
          </dd>
          <dt>Client certificate</dt>
          <dd>${text(hook.client_cert_path) ? html`<code>${text(hook.client_cert_path)}</code>` : '—'}</dd>
          <dt>Signature scheme</dt>
          <dd>
            ${hook.asymmetric_signature === true ? 'v1 (HMAC) and v1a (Ed25519)' : 'v1 (HMAC)'}
            ${publicKey ? html`<br /><span class="muted">public key</span> <code>${publicKey}</code>` : ''}
          </dd>
          <dt>Secret rotated</dt>
          <dd>
            ${text(hook.secret_rotated_at) ? when(text(hook.secret_rotated_at)) : '—'}
            ${
              text(hook.secret_overlap_ends)
                ? html`<span class="muted"
                    >(the previous secret stays valid until ${when(text(hook.secret_overlap_ends))})</span
                  >`
                : ''
            }
          </dd>
          <dt>Disabled by the system</dt>
          <dd>${text(hook.disabled_reason) || '—'}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="h-health">
        <h2 id="h-health">Health, last 24 hours</h2>
        <dl class="attrs">
          <dt>Deliveries</dt>
          <dd>${total}</dd>
          <dt>Attempts</dt>
          <dd>
            ${health.attempts}${total > health.deliveries ? ` (newest ${health.deliveries} deliveries)` : ''}
          </dd>
          <dt>Success rate</dt>
          <dd>${rate}</dd>
          <dt>p95 response time</dt>
          <dd>
            ${health.p95Ms === null ? '—' : `${health.p95Ms} ms`}
            <span class="muted"
              >(${health.sampledAttempts} attempts of the newest ${P95_SAMPLE} deliveries)</span
            >
          </dd>
          <dt>Circuit</dt>
          <dd id="circuit">${circuitCell(health.circuit)}</dd>
        </dl>
      </section>
    </div>
    <section aria-labelledby="h-latest">
      <h2 id="h-latest">Latest deliveries</h2>
      ${table('Latest deliveries', deliveryColumns, latest as never[], 'No deliveries in the last 24 hours.')}
      <p><a href="/extras/webhook-deliveries/?webhook_id=${hook.id}">All deliveries of this webhook</a></p>
    </section>
    ${write ? recoverForm(context, hook, recoverDefaults(), {}) : ''}`;
  response
    .type('html')
    .send(renderPage({ title: hook.name, section: 'webhooks', session: context.session, actions, body }));
}

/** The webhook's `v1a` public key (public by design: receivers verify with it), or null if not known yet. */
async function publicKeyOf(context: ConsoleContext, id: number): Promise<string | null> {
  const answer = await context.api.get<{ public_key?: string }>(
    `/api/extras/webhook-deliveries/signing-keys/${id}/`,
  );
  return answer.status === 200 ? (answer.body.public_key ?? null) : null;
}

const RECOVER_FIELDS = [
  {
    name: 'since',
    label: 'Failed since (UTC)',
    kind: 'datetime-local',
    required: true,
    help: 'Replays every delivery created since then that failed because of the receiver (retries used up, 410 Gone) or was skipped while the system had disabled the webhook: once each, in their original order, with their original webhook-id. The webhook must be enabled.',
  },
] as const satisfies readonly FieldSpec[];

/** The recover form's default: the last 24 hours, as a `datetime-local` value in UTC. */
function recoverDefaults(): FormValues {
  return { since: new Date(Date.now() - DAY_MS).toISOString().slice(0, 16) };
}

/** "Recover": `POST /api/extras/webhooks/{id}/recover/` with `since`. */
function recoverForm(
  context: ConsoleContext,
  hook: Webhook,
  values: FormValues,
  errors: FieldErrors,
): SafeHtml {
  return html`<section aria-labelledby="h-recover">
    <h2 id="h-recover">Recover</h2>
    <form method="post" action="/extras/webhooks/${hook.id}/recover/" class="form narrow" novalidate>
      ${csrfField(context.session)} ${alert(formMessages(errors))}
      ${RECOVER_FIELDS.map((spec) => renderField(spec, values[spec.name], errors[spec.name]))}
      <div class="form-actions"><button type="submit" class="button">Recover</button></div>
    </form>
  </section>`;
}

/** A `datetime-local` value is in UTC here (the label says so); a value with a zone is taken as given. */
function sinceFromForm(value: unknown): string {
  const since = typeof value === 'string' ? value.trim() : '';
  return since === '' || /(Z|[+-]\d\d:\d\d)$/.test(since) ? since : `${since}Z`;
}

/** The circuit breaker's state, and why and until when when it is not closed. */
function circuitCell(circuit: WebhookHealth['circuit']): SafeHtml {
  if (!circuit) return html`<span class="muted">not known to the dispatcher yet</span>`;
  const failures =
    circuit.consecutiveFailures === 0
      ? ''
      : ` ${circuit.consecutiveFailures} consecutive failure${circuit.consecutiveFailures === 1 ? '' : 's'}`;
  return html`${badge(circuit.label, circuit.tone)}${failures}
    ${circuit.openUntil ? html`<span class="muted">until ${when(circuit.openUntil)}</span>` : ''}
    <span class="muted">(${circuit.inFlight} in flight, ${circuit.waiting} waiting)</span>`;
}

function formPage(
  response: Response,
  context: ConsoleContext,
  title: string,
  form: SafeHtml,
  status = 200,
): void {
  response
    .status(status)
    .type('html')
    .send(renderPage({ title, section: 'webhooks', session: context.session, body: form }));
}

/** Webhooks: list with filters, object page with health and latest deliveries, add/edit/delete, enable/disable. */
export function registerWebhookPages(routes: ConsoleRoutes): void {
  routes.page('/extras/webhooks/', listPage);

  routes.page('/extras/webhooks/add/', async (_request, response, context) => {
    formPage(
      response,
      context,
      'Add a new webhook',
      webhookForm(context, '/extras/webhooks/add/', NEW_WEBHOOK_VALUES, {}, '/extras/webhooks/'),
    );
  });

  routes.action('/extras/webhooks/add/', async (request, response, context) => {
    const { values, body, errors } = webhookBodyFromForm(request.body as Record<string, unknown>, false);
    const answer = Object.keys(errors).length
      ? undefined
      : await context.api.send<Webhook>('POST', API, body);
    if (answer?.status === 201)
      return void response.redirect(303, `/extras/webhooks/${answer.body.id}/?notice=Created+webhook`);
    const shown = answer ? fieldErrorsOf(answer.body, WEBHOOK_FIELD_NAMES) : errors;
    formPage(
      response,
      context,
      'Add a new webhook',
      webhookForm(context, '/extras/webhooks/add/', values, shown, '/extras/webhooks/'),
      answer?.status === 403 ? 403 : 400,
    );
  });

  routes.page('/extras/webhooks/:id/', detailPage);

  routes.page('/extras/webhooks/:id/edit/', async (request, response, context) => {
    const hook = await loadWebhook(context, String(request.params.id));
    if (!hook) return notFound(response, context);
    formPage(
      response,
      context,
      `Editing ${hook.name}`,
      webhookForm(
        context,
        `/extras/webhooks/${hook.id}/edit/`,
        webhookFormValues({ ...hook, ...maskedWebhookSecrets(secretFieldsOf(hook)) }),
        {},
        `/extras/webhooks/${hook.id}/`,
      ),
    );
  });

  routes.action('/extras/webhooks/:id/edit/', async (request, response, context) => {
    const id = Number(request.params.id);
    const { values, body, errors } = webhookBodyFromForm(request.body as Record<string, unknown>, true);
    const stored = await loadWebhook(context, String(id));
    if (!stored) return notFound(response, context);
    // The form showed these masked: what is still masked keeps the stored value.
    const restored = restoreMaskedSecrets(secretFieldsOf(body), secretFieldsOf(stored));
    const answer = Object.keys(errors).length
      ? undefined
      : await context.api.send<Webhook>('PATCH', `${API}${id}/`, { ...body, ...restored });
    if (answer?.status === 200)
      return void response.redirect(303, `/extras/webhooks/${id}/?notice=Saved+webhook`);
    const shown = answer ? fieldErrorsOf(answer.body, WEBHOOK_FIELD_NAMES) : errors;
    formPage(
      response,
      context,
      `Editing webhook ${id}`,
      webhookForm(context, `/extras/webhooks/${id}/edit/`, values, shown, `/extras/webhooks/${id}/`),
      answer?.status === 404 ? 404 : 400,
    );
  });

  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    routes.action(`/extras/webhooks/:id/${verb}/`, async (request, response, context) => {
      const id = Number(request.params.id);
      const answer = await context.api.send('PATCH', `${API}${id}/`, { enabled });
      if (answer.status !== 200) throw new ApiCallError(API, answer);
      response.redirect(303, `/extras/webhooks/${id}/?notice=${enabled ? 'Enabled' : 'Disabled'}+webhook`);
    });
  }

  routes.action('/extras/webhooks/:id/recover/', async (request, response, context) => {
    const hook = await loadWebhook(context, String(request.params.id));
    if (!hook) return notFound(response, context);
    const posted = (request.body as Record<string, unknown>).since;
    const answer = await context.api.send<{ count: number }>('POST', `${API}${hook.id}/recover/`, {
      since: sinceFromForm(posted),
    });
    if (answer.status === 200) {
      const { count } = answer.body;
      const notice = `Recovered ${count} deliver${count === 1 ? 'y' : 'ies'}`;
      return void response.redirect(303, `/extras/webhooks/${hook.id}/?notice=${encodeURIComponent(notice)}`);
    }
    if (![400, 409].includes(answer.status)) throw new ApiCallError(API, answer);
    formPage(
      response,
      context,
      `Recover ${hook.name}`,
      recoverForm(
        context,
        hook,
        { since: typeof posted === 'string' ? posted : '' },
        fieldErrorsOf(answer.body, ['since']),
      ),
      answer.status,
    );
  });

  routes.page('/extras/webhooks/:id/delete/', async (request, response, context) => {
    const hook = await loadWebhook(context, String(request.params.id));
    if (!hook) return notFound(response, context);
    const body = html`<form method="post" action="/extras/webhooks/${hook.id}/delete/" class="form narrow">
      ${csrfField(context.session)}
      <p>
        Are you sure you want to delete webhook <strong>${hook.name}</strong>? Its pending deliveries are not
        sent.
      </p>
      <div class="form-actions">
        <button type="submit" class="button danger">Delete</button>
        <a class="button plain" href="/extras/webhooks/${hook.id}/">Cancel</a>
      </div>
    </form>`;
    response
      .type('html')
      .send(
        renderPage({ title: `Delete ${hook.name}?`, section: 'webhooks', session: context.session, body }),
      );
  });

  routes.action('/extras/webhooks/:id/delete/', async (request, response, context) => {
    const answer = await context.api.send('DELETE', `${API}${Number(request.params.id)}/`);
    if (answer.status !== 204) throw new ApiCallError(API, answer);
    response.redirect(303, '/extras/webhooks/');
  });
}
