import type { Request, Response } from 'express';
import type { ConsoleContext, ConsoleRoutes } from '../console-routes';
import { statusBadge } from '../html/format';
import { renderPage } from '../html/layout';
import { html, type SafeHtml } from '../html/safe-html';
import { deliveriesPerMinute, type MinuteBucket } from './deliveries-per-minute';
import { sumOfMetric } from './prometheus-text';

const HOUR_MS = 60 * 60 * 1000;

function health(value: unknown): SafeHtml {
  const text =
    typeof value === 'string' ? value : ((value as { status?: string } | null)?.status ?? 'unknown');
  return statusBadge(text === 'ok' ? { value: 'ok', label: 'ok' } : { value: 'down', label: text });
}

/** Deliveries per minute as an SVG bar chart, with the same numbers in a table for screen readers. */
function chart(buckets: readonly MinuteBucket[]): SafeHtml {
  const peak = Math.max(0, ...buckets.map((bucket) => bucket.total));
  const max = Math.max(1, peak);
  const bars = buckets.map((bucket, index) => {
    const height = (bucket.total / max) * 100;
    const failed = (bucket.failures / max) * 100;
    return html`<rect
        class="chart-ok"
        x="${index * 10 + 1}"
        y="${100 - height}"
        width="8"
        height="${height}"
      ></rect
      ><rect
        class="chart-bad"
        x="${index * 10 + 1}"
        y="${100 - failed}"
        width="8"
        height="${failed}"
      ></rect>`;
  });
  const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
  const failures = buckets.reduce((sum, bucket) => sum + bucket.failures, 0);
  const busy = buckets.filter((bucket) => bucket.total > 0);
  return html`<figure class="chart">
    <svg
      viewBox="0 0 600 100"
      preserveAspectRatio="none"
      role="img"
      aria-label="Deliveries per minute over the last hour: ${total} deliveries, ${failures} failed or retrying; peak ${peak} per minute"
    >
      <rect class="chart-bg" width="600" height="100"></rect>
      ${bars}
    </svg>
    <figcaption>
      <span class="key ok" aria-hidden="true"></span> deliveries
      <span class="key bad" aria-hidden="true"></span> failed or retrying · peak ${peak}/min · ${total} in the
      hour
    </figcaption>
    <details>
      <summary>Minutes with deliveries (${busy.length})</summary>
      <table>
        <caption class="visually-hidden">
          Deliveries per minute
        </caption>
        <thead>
          <tr>
            <th scope="col">Minute (UTC)</th>
            <th scope="col">Deliveries</th>
            <th scope="col">Failed or retrying</th>
          </tr>
        </thead>
        <tbody>
          ${busy.map(
            (bucket) =>
              html`<tr>
                <td>${new Date(bucket.start).toISOString().slice(11, 16)}</td>
                <td>${bucket.total}</td>
                <td>${bucket.failures}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </figure>`;
}

async function dispatcherMetrics(url: string | undefined): Promise<string> {
  if (!url) return '';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return response.ok ? await response.text() : '';
  } catch {
    return '';
  }
}

function overviewPage(metricsUrl: string | undefined) {
  return async (_request: Request, response: Response, context: ConsoleContext): Promise<void> => {
    const since = new Date(Date.now() - HOUR_MS).toISOString();
    const [status, lastHour, deadLetters, metrics] = await Promise.all([
      context.api.get('/api/status/'),
      context.api.list<{ created: string; status: { value: string } }>('/api/extras/webhook-deliveries/', {
        created__gte: since,
        limit: 1000,
      }),
      context.api.list('/api/extras/webhook-deliveries/', { status: 'failed', limit: 1 }),
      dispatcherMetrics(metricsUrl),
    ]);
    const services = (status.body.services ?? {}) as Record<string, unknown>;
    const lag = sumOfMetric(metrics, 'validity_dispatcher_consumer_lag_records');
    const openCircuits = sumOfMetric(metrics, 'validity_dispatcher_open_circuits');
    const backlog = sumOfMetric(metrics, 'validity_dispatcher_backlog_deliveries');
    const body = html`<div class="cards">
        <section class="card" aria-labelledby="h-health">
          <h2 id="h-health">Health</h2>
          <dl class="attrs">
            ${Object.entries(services).map(
              ([name, value]) =>
                html`<dt>${name}</dt>
                  <dd>${health(value)}</dd>`,
            )}
            <dt>Kafka</dt>
            <dd>${health(status.body.kafka)}</dd>
            <dt>PostgreSQL</dt>
            <dd>${health(status.body.postgres ?? status.body.postgresql)}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="h-queue">
          <h2 id="h-queue">Delivery</h2>
          <dl class="attrs">
            <dt>Dead-lettered (failed)</dt>
            <dd><a href="/extras/webhook-deliveries/?status=failed">${deadLetters.count}</a></dd>
            <dt>Pending or retrying</dt>
            <dd>${backlog ?? '—'}</dd>
            <dt>Consumer lag</dt>
            <dd>${lag === null ? '—' : `${lag} records`}</dd>
            <dt>Webhooks with open circuits</dt>
            <dd>${openCircuits === null ? '—' : openCircuits}</dd>
          </dl>
        </section>
      </div>
      <section aria-labelledby="h-chart">
        <h2 id="h-chart">Deliveries per minute, last hour</h2>
        ${chart(deliveriesPerMinute(lastHour.results, Date.now()))}
        ${lastHour.count > lastHour.results.length ? html`<p class="muted">Drawn from the newest ${lastHour.results.length} of ${lastHour.count} deliveries.</p>` : ''}
      </section>`;
    response
      .type('html')
      .send(renderPage({ title: 'Overview', section: 'overview', session: context.session, body }));
  };
}

/** Overview: services, Kafka and PostgreSQL health, delivery chart, dead letters, lag, open circuits. */
export function registerOverviewPage(routes: ConsoleRoutes, metricsUrl: string | undefined): void {
  routes.page('/', overviewPage(metricsUrl));
}
