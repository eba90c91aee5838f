// The image's HEALTHCHECK: GET /health of the app this container runs (APP), on the port that app reads.
// Plain JavaScript with no dependencies, since the image has neither curl nor a TypeScript loader.
const http = require('node:http');

const PORTS = {
  gateway: ['GATEWAY_PORT', 8000],
  reports: ['REPORTS_PORT', 8001],
  'webhook-registry': ['WEBHOOK_REGISTRY_PORT', 8002],
  dispatcher: ['DISPATCHER_PORT', 8003],
  ingest: ['INGEST_PORT', 8004],
};

const app = process.env.APP ?? 'gateway';
if (!(app in PORTS)) {
  process.stderr.write(`healthcheck: unknown APP ${app}\n`);
  process.exit(1);
}
const [portEnv, defaultPort] = PORTS[app];
const port = Number(process.env[portEnv] ?? defaultPort);

const request = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 4000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => {
  process.stderr.write(`healthcheck: ${error.message}\n`);
  process.exit(1);
});
