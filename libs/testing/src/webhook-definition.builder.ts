import type { WebhookDefinition } from '@validity/contracts';

/**
 * A complete, enabled webhook definition as the registry publishes it (created events only, no
 * conditions, 5 s timeout), for specs that feed the dispatcher directly; a spec names only what it tests.
 */
export function aWebhookDefinition(
  id: number,
  payloadUrl: string,
  overrides: Partial<WebhookDefinition> = {},
): WebhookDefinition {
  return {
    id,
    name: `hook-${id}`,
    content_types: ['validity.compliancereport'],
    type_create: true,
    type_update: false,
    type_delete: false,
    type_job_start: false,
    type_job_end: false,
    payload_url: payloadUrl,
    enabled: true,
    http_method: 'POST',
    http_content_type: 'application/json',
    additional_headers: '',
    body_template: '',
    secret: '',
    conditions: null,
    ssl_verification: true,
    ca_file_path: null,
    timeout: 5,
    ordering: 'unordered',
    rate_limit_per_second: null,
    client_cert_path: null,
    client_key_path: null,
    asymmetric_signature: false,
    created: '2024-01-10T08:00:00Z',
    last_updated: '2024-01-10T08:00:00Z',
    ...overrides,
  };
}
