import { uniqueName } from './unique-name';

/** A webhook as a client creates it (`POST /api/extras/webhooks/`): any NetBox 3.6 fields. */
export type WebhookBody = Record<string, unknown>;

/**
 * The Validity documentation's example webhook (created compliance reports, POSTed as JSON), under a name
 * and payload URL no other test uses, since the registry keeps both unique; a spec names only what it
 * tests.
 */
export function aWebhookBody(overrides: WebhookBody = {}): WebhookBody {
  return {
    name: uniqueName('hook'),
    type_create: true,
    payload_url: `http://receiver.example/${uniqueName('p')}/`,
    http_method: 'POST',
    content_types: ['validity.compliancereport'],
    ...overrides,
  };
}
