import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { httpMetrics, METRICS_ROUTE } from './http-metrics.middleware';
import { ServiceMetrics } from './service-metrics';

describe('ServiceMetrics', () => {
  it('serves process metrics and HTTP metrics labelled by route template, never by raw path', async () => {
    const metrics = new ServiceMetrics('reports');
    const app = express();
    app.use(httpMetrics(metrics));
    app.use('/api/proxied/', (_req, res, next) => {
      res.locals[METRICS_ROUTE] = '/api/proxied/*';
      next();
    });
    app.get('/api/things/:id', (_req, res) => void res.json({}));
    app.all('/api/proxied/{*rest}', (_req, res) => void res.status(204).end());
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/api/things/1', '/api/things/2', '/api/proxied/x/y', '/no/such/7']) {
        await (await fetch(`${base}${path}`)).text();
      }
    } finally {
      server.close();
    }

    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'validity_http_requests_total{method="GET",route="/api/things/:id",status="200",service="reports"} 2',
    );
    expect(text).toContain(
      'validity_http_requests_total{method="GET",route="/api/proxied/*",status="204",service="reports"} 1',
    );
    expect(text).toContain(
      'validity_http_requests_total{method="GET",route="unmatched",status="404",service="reports"} 1',
    );
    expect(text).not.toMatch(/route="\/api\/things\/1"/);
    expect(text).toMatch(
      /^validity_http_request_duration_seconds_bucket\{le="0.005",service="reports",method="GET",route="\/api\/things\/:id"/m,
    );
    for (const family of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${family} `);
    }
  });

  it('keeps one registry per service, so two services in one process do not mix their numbers', async () => {
    const one = new ServiceMetrics('gateway');
    const two = new ServiceMetrics('dispatcher');
    one.httpRequests.inc({ method: 'GET', route: '/x', status: '200' });
    expect(await two.registry.metrics()).not.toContain('route="/x"');
  });
});
