import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { OBJECT_TYPES } from '@validity/contracts';
import { ApiCallError } from '../api/api-call.error';
import type { ConsoleContext, ConsoleRoutes } from '../console-routes';
import { statusBadge, when } from '../html/format';
import { actionButton, csrfField, renderPage } from '../html/layout';
import { html, type SafeHtml } from '../html/safe-html';
import { alert, page, pager, type Column } from '../html/widgets';
import { DELIVERY_STATUSES, deliveryApiQuery, deliveryFiltersOf } from './delivery-filters';

interface Delivery {
  id: number;
  webhook: { id: number; display: string };
  message_id: string;
  event: string;
  object_type: string;
  object_id: number | string;
  status: { value: string; label: string };
  attempt_count: number;
  next_attempt: string | null;
  last_error: string | null;
  created: string;
}

interface Attempt {
  number: number;
  started: string;
  duration_ms: number | null;
  status_code: number | null;
  response_body: string | null;
  error: string | null;
  /** What the attempt sent, every secret masked by the dispatcher; null when nothing was sent. */
  request_headers?: Record<string, string> | null;
  request_body?: string | null;
}

const API = '/api/extras/webhook-deliveries/';
/** How often the live stream asks the API for changes while a list is open. */
const LIVE_POLL_MS = 2_000;
/** A stream ends after this; the browser's EventSource reconnects by itself. */
const LIVE_STREAM_MS = 10 * 60_000;

export const deliveryColumns: ReadonlyArray<Column<Delivery>> = [
  {
    label: 'ID',
    essential: true,
    cell: (delivery) => html`<a href="/extras/webhook-deliveries/${delivery.id}/">${delivery.id}</a>`,
  },
  { label: 'Created', cell: (delivery) => when(delivery.created) },
  {
    label: 'Webhook',
    cell: (delivery) =>
      html`<a href="/extras/webhooks/${delivery.webhook.id}/">${delivery.webhook.display}</a>`,
  },
  { label: 'Event', cell: (delivery) => delivery.event },
  { label: 'Object', cell: (delivery) => `${delivery.object_type} ${delivery.object_id}` },
  { label: 'Status', essential: true, cell: (delivery) => statusBadge(delivery.status) },
  { label: 'Attempts', essential: true, cell: (delivery) => delivery.attempt_count },
  { label: 'Last error', cell: (delivery) => delivery.last_error ?? '' },
];

/** The table body alone: the page renders it and the live stream sends it again when it changes. */
function deliveryRows(deliveries: readonly Delivery[]): SafeHtml {
  if (deliveries.length === 0)
    return html`<tr>
      <td colspan="${deliveryColumns.length}">No deliveries match.</td>
    </tr>`;
  return html`${deliveries.map(
    (delivery) =>
      html`<tr>
        ${deliveryColumns.map((column) => html`<td${column.essential ? '' : html` class="optional"`}>${column.cell(delivery)}</td>`)}
      </tr>`,
  )}`;
}

function filterForm(filters: Record<string, string>, action = '/extras/webhook-deliveries/'): SafeHtml {
  const selected = (name: string, value: string) => (filters[name] === value ? html` selected` : '');
  const objectTypes = Object.entries(OBJECT_TYPES)
    .filter(([, type]) => type.emitsEvents && type.public)
    .map(([value]) => value);
  return html`<form
    method="get"
    action="${action}"
    class="filters"
    role="search"
    aria-label="Filter deliveries"
  >
    <div class="field">
      <label for="f_id">Delivery ID</label
      ><input id="f_id" name="id" inputmode="numeric" value="${filters.id ?? ''}" />
    </div>
    <div class="field">
      <label for="f_webhook">Webhook ID</label
      ><input id="f_webhook" name="webhook_id" inputmode="numeric" value="${filters.webhook_id ?? ''}" />
    </div>
    <div class="field">
      <label for="f_status">Status</label
      ><select id="f_status" name="status">
        <option value="">Any</option>
        ${DELIVERY_STATUSES.map(
          (status) => html`<option value="${status}" ${selected('status', status)}>${status}</option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="f_event">Event</label
      ><select id="f_event" name="event">
        <option value="">Any</option>
        ${['created', 'updated', 'deleted'].map(
          (event) => html`<option value="${event}" ${selected('event', event)}>${event}</option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="f_type">Object type</label
      ><select id="f_type" name="object_type">
        <option value="">Any</option>
        ${objectTypes.map(
          (type) => html`<option value="${type}" ${selected('object_type', type)}>${type}</option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="f_after">Created after (UTC)</label
      ><input id="f_after" name="created__gte" type="datetime-local" value="${filters.created__gte ?? ''}" />
    </div>
    <div class="field">
      <label for="f_before">Created before (UTC)</label
      ><input id="f_before" name="created__lte" type="datetime-local" value="${filters.created__lte ?? ''}" />
    </div>
    <button type="submit" class="button">Filter</button>
  </form>`;
}

async function listPage(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const query = request.query as Record<string, string>;
  const filters = deliveryFiltersOf(query);
  const { page: current, perPage, offset } = page(query);
  const result = await context.api.list<Delivery>(API, {
    ...deliveryApiQuery(filters),
    limit: perPage,
    offset,
  });
  const live = current === 1;
  const notice = typeof query.notice === 'string' ? query.notice : '';
  const body = html`${notice ? alert([notice], 'success') : ''} ${filterForm(filters)}
    ${live ? html`<p class="live"><span class="live-dot" aria-hidden="true"></span> Live: new deliveries and status changes appear here without reloading. <span id="live-status" role="status" aria-live="polite"></span></p>` : ''}
    <div class="table-wrap" tabindex="0" role="region" aria-label="Deliveries">
      <table>
        <caption class="visually-hidden">
          Deliveries, newest first
        </caption>
        <thead>
          <tr>
            ${deliveryColumns.map((column) => html`<th scope="col" ${column.essential ? '' : html` class="optional"`}>${column.label}</th>`)}
          </tr>
        </thead>
        <tbody
          id="delivery-rows"
          ${live ? html` data-live-src="/extras/webhook-deliveries/stream/?${new URLSearchParams(filters).toString()}"` : ''}
        >
          ${deliveryRows(result.results)}
        </tbody>
      </table>
    </div>
    ${pager('/extras/webhook-deliveries/', filters, current, perPage, result.count)}`;
  const actions = context.session.writeEnabled
    ? html`<a
        class="button"
        href="/extras/webhook-deliveries/replay/?${new URLSearchParams(filters).toString()}"
        >Replay by filter…</a
      >`
    : '';
  response.type('html').send(
    renderPage({
      title: 'Webhook deliveries',
      section: 'deliveries',
      session: context.session,
      actions,
      body,
    }),
  );
}

/**
 * Server-sent events for an open list: the console asks the API every two seconds and, when the
 * newest page changed, sends the new table body (`event: rows`). Polling the API keeps the console a
 * plain client of it; the browser gets updates without reloading.
 */
async function liveStream(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const filters = deliveryFiltersOf(request.query as Record<string, unknown>);
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  response.write('retry: 3000\n\n');
  let last = '';
  let open = true;
  const started = Date.now();
  response.on('close', () => (open = false));
  while (open && Date.now() - started < LIVE_STREAM_MS) {
    try {
      const result = await context.api.list<Delivery>(API, { ...deliveryApiQuery(filters), limit: 50 });
      const digest = createHash('sha256')
        .update(
          JSON.stringify(result.results.map((d) => [d.id, d.status.value, d.attempt_count, d.last_error])),
        )
        .digest('hex');
      if (digest !== last && open) {
        const first = last === '';
        last = digest;
        if (!first) {
          const rows = deliveryRows(result.results).value.replace(/\n/g, ' ');
          response.write(`event: rows\ndata: ${JSON.stringify({ count: result.count, html: rows })}\n\n`);
        }
      }
    } catch {
      if (open) response.write(': api unavailable\n\n');
    }
    await new Promise((resolve) => setTimeout(resolve, LIVE_POLL_MS));
  }
  response.end();
}

/** `Name: value` lines, as on the wire; the API masked every value that may be secret. */
function requestHeaders(headers: Record<string, string> | null | undefined): SafeHtml | string {
  if (!headers) return '—';
  return html`<pre class="request-headers">
${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n')}</pre>`;
}

function attemptTimeline(attempts: readonly Attempt[]): SafeHtml {
  if (attempts.length === 0) return html`<p class="empty">No attempt yet.</p>`;
  return html`<ol class="timeline">
    ${attempts.map(
      (attempt) =>
        html`<li class="attempt ${attempt.status_code !== null && attempt.status_code < 300 ? 'ok' : 'bad'}">
          <h3>
            Attempt ${attempt.number}
            ${attempt.status_code === null ? statusBadge({ value: 'failed', label: 'no response' }) : statusBadge({ value: attempt.status_code < 300 ? 'delivered' : 'failed', label: `HTTP ${attempt.status_code}` })}
          </h3>
          <dl class="attrs">
            <dt>Request headers</dt>
            <dd>${requestHeaders(attempt.request_headers)}</dd>
            <dt>Request body</dt>
            <dd>${attempt.request_body ? html`<pre>${attempt.request_body}</pre>` : '—'}</dd>
            <dt>Started</dt>
            <dd>${when(attempt.started)}</dd>
            <dt>Duration</dt>
            <dd>${attempt.duration_ms === null ? '—' : `${attempt.duration_ms} ms`}</dd>
            <dt>Response status</dt>
            <dd>${attempt.status_code ?? '—'}</dd>
            <dt>Error</dt>
            <dd>${attempt.error ?? '—'}</dd>
            <dt>Response body</dt>
            <dd>${attempt.response_body ? html`<pre>${attempt.response_body}</pre>` : '—'}</dd>
          </dl>
        </li>`,
    )}
  </ol>`;
}

async function detailPage(request: Request, response: Response, context: ConsoleContext): Promise<void> {
  const answer = await context.api.get<
    Delivery & { attempts: Attempt[]; request_id: string | null; event_id: string }
  >(`${API}${Number(request.params.id)}/`);
  if (answer.status === 404) {
    return void response
      .status(404)
      .type('html')
      .send(
        renderPage({
          title: 'Not found',
          session: context.session,
          body: alert(['No delivery matches the given query.']),
        }),
      );
  }
  if (answer.status !== 200) throw new ApiCallError(API, answer);
  const delivery = answer.body;
  const notice = typeof request.query.notice === 'string' ? request.query.notice : '';
  const redeliverable = delivery.status.value === 'delivered' || delivery.status.value === 'failed';
  const actions =
    context.session.writeEnabled && redeliverable
      ? actionButton(
          context.session,
          `/extras/webhook-deliveries/${delivery.id}/redeliver/`,
          'Redeliver',
          'primary',
        )
      : '';
  const body = html`${notice ? alert([notice], 'success') : ''}
    <section class="card" aria-labelledby="h-delivery">
      <h2 id="h-delivery">Delivery</h2>
      <dl class="attrs">
        <dt>Status</dt>
        <dd>${statusBadge(delivery.status)}</dd>
        <dt>Webhook</dt>
        <dd><a href="/extras/webhooks/${delivery.webhook.id}/">${delivery.webhook.display}</a></dd>
        <dt>Event</dt>
        <dd>${delivery.event} of ${delivery.object_type} ${delivery.object_id}</dd>
        <dt>Message ID (webhook-id)</dt>
        <dd><code>${delivery.message_id}</code></dd>
        <dt>Event ID</dt>
        <dd><code>${delivery.event_id}</code></dd>
        <dt>Request ID</dt>
        <dd><code>${delivery.request_id ?? '—'}</code></dd>
        <dt>Created</dt>
        <dd>${when(delivery.created)}</dd>
        <dt>Next attempt</dt>
        <dd>${when(delivery.next_attempt)}</dd>
        <dt>Last error</dt>
        <dd>${delivery.last_error ?? '—'}</dd>
      </dl>
    </section>
    <section aria-labelledby="h-attempts">
      <h2 id="h-attempts">Attempts (${delivery.attempts.length})</h2>
      ${attemptTimeline(delivery.attempts)}
      <p class="muted">
        Each attempt shows the request it sent and the answer it got. Secrets (the signatures, Authorization
        and the values of additional headers) are masked as <code>********</code> by the delivery log.
      </p>
    </section>`;
  response.type('html').send(
    renderPage({
      title: `Delivery ${delivery.id}`,
      section: 'deliveries',
      session: context.session,
      actions,
      body,
    }),
  );
}

/** The deliveries a replay with these filters sends: the delivered and failed ones among them. */
async function replayPreview(context: ConsoleContext, filters: Record<string, string>): Promise<number> {
  const query = deliveryApiQuery(filters);
  const statuses = query.status
    ? [query.status].filter((s) => s === 'delivered' || s === 'failed')
    : ['delivered', 'failed'];
  let count = 0;
  for (const status of statuses) count += (await context.api.list(API, { ...query, status, limit: 1 })).count;
  return count;
}

/** Delivery log: list with filters and live updates, a delivery's attempts, redeliver, replay by filter. */
export function registerDeliveryPages(routes: ConsoleRoutes): void {
  routes.page('/extras/webhook-deliveries/', listPage);
  routes.stream('/extras/webhook-deliveries/stream/', liveStream);

  routes.page('/extras/webhook-deliveries/replay/', async (request, response, context) => {
    const filters = deliveryFiltersOf(request.query as Record<string, unknown>);
    const empty = Object.keys(filters).length === 0;
    const count = empty ? 0 : await replayPreview(context, filters);
    const form = html`<section class="card" aria-labelledby="h-preview">
      <h2 id="h-preview">Preview</h2>
      ${
        empty
          ? alert(['Choose at least one filter: a replay never resends the whole log.'], 'info')
          : html`<p id="replay-preview">
                This replay will send <strong>${count}</strong> ${count === 1 ? 'delivery' : 'deliveries'}
                again (the delivered and failed ones the filters select), each under the webhook-id it was
                first sent with and a fresh retry schedule.
              </p>
              ${
                count > 0 && context.session.writeEnabled
                  ? html`<form method="post" action="/extras/webhook-deliveries/replay/">
                      ${csrfField(context.session)}${Object.entries(filters).map(
                        ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
                      )}<button type="submit" class="button primary">
                        Replay ${count} ${count === 1 ? 'delivery' : 'deliveries'}
                      </button>
                    </form>`
                  : ''
              }`
      }
    </section>`;
    response.type('html').send(
      renderPage({
        title: 'Replay deliveries',
        section: 'deliveries',
        session: context.session,
        body: html`${filterForm(filters, '/extras/webhook-deliveries/replay/')}${form}`,
      }),
    );
  });

  routes.action('/extras/webhook-deliveries/replay/', async (request, response, context) => {
    const filters = deliveryFiltersOf(request.body as Record<string, unknown>);
    if (Object.keys(filters).length === 0)
      return void response.redirect(303, '/extras/webhook-deliveries/replay/');
    const answer = await context.api.send<{ count: number }>(
      'POST',
      `${API}replay/`,
      undefined,
      deliveryApiQuery(filters),
    );
    if (answer.status !== 200) throw new ApiCallError(`${API}replay/`, answer);
    const notice = `Replaying ${answer.body.count} ${answer.body.count === 1 ? 'delivery' : 'deliveries'}.`;
    response.redirect(303, `/extras/webhook-deliveries/?${new URLSearchParams({ ...filters, notice })}`);
  });

  routes.page('/extras/webhook-deliveries/:id/', detailPage);

  routes.action('/extras/webhook-deliveries/:id/redeliver/', async (request, response, context) => {
    const id = Number(request.params.id);
    const answer = await context.api.send('POST', `${API}${id}/redeliver/`);
    const notice =
      answer.status === 200
        ? 'Redelivery scheduled.'
        : `The API refused: ${String((answer.body as { detail?: string } | null)?.detail ?? answer.status)}`;
    response.redirect(303, `/extras/webhook-deliveries/${id}/?${new URLSearchParams({ notice })}`);
  });
}
