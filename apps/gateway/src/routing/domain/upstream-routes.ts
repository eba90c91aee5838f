/** Which service answers which NetBox API prefix. The gateway itself answers `/api/`, status and users. */
export interface UpstreamRoute {
  prefix: string;
  service: 'reports' | 'webhook-registry' | 'dispatcher' | 'ingest';
}

export const UPSTREAM_ROUTES: readonly UpstreamRoute[] = [
  { prefix: '/api/plugins/validity/', service: 'reports' },
  { prefix: '/api/extras/webhooks/', service: 'webhook-registry' },
  { prefix: '/api/extras/event-rules/', service: 'webhook-registry' },
  { prefix: '/api/extras/webhook-deliveries/', service: 'dispatcher' },
  { prefix: '/api/ingest/', service: 'ingest' },
];

/** `POST /api/extras/webhooks/{id}/recover/` replays deliveries: the dispatcher's, under the registry's path. */
const WEBHOOK_RECOVER_PATH = /^\/api\/extras\/webhooks\/[^/]+\/recover\/?$/;

/** The route for a request path, also matching the prefix without its trailing slash. */
export function routeFor(path: string): UpstreamRoute | undefined {
  if (WEBHOOK_RECOVER_PATH.test(path)) return { prefix: '/api/extras/webhooks/', service: 'dispatcher' };
  return UPSTREAM_ROUTES.find((route) => path.startsWith(route.prefix) || `${path}/` === route.prefix);
}
