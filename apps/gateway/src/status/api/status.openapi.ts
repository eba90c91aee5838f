import type { SchemaObject } from '@nestjs/swagger';
import { ABSOLUTE_URL, exactObject } from '@validity/platform/netbox-api';

const SERVICE_HEALTH = exactObject(
  { status: { type: 'string', enum: ['ok', 'degraded', 'unreachable'] } },
  { optional: { checks: { type: 'object', additionalProperties: { type: 'string' } } } },
);

/** `StatusController`'s answers exactly. */
export const STATUS_SCHEMAS: Record<string, SchemaObject> = {
  ApiRoot: exactObject({
    extras: ABSOLUTE_URL,
    plugins: ABSOLUTE_URL,
    status: ABSOLUTE_URL,
    users: ABSOLUTE_URL,
  }),
  Status: {
    type: 'object',
    description:
      "NetBox's status keys, then each service's health, then one key per infrastructure check " +
      '(`ok` or the failure)',
    properties: {
      'django-version': { nullable: true, type: 'string' },
      'installed-apps': { type: 'object' },
      'netbox-version': { type: 'string' },
      plugins: { type: 'object', additionalProperties: { type: 'string' } },
      'python-version': { nullable: true, type: 'string' },
      'rq-workers-running': { type: 'integer', minimum: 0 },
      'validity-events-version': { type: 'string' },
      services: exactObject({
        reports: SERVICE_HEALTH,
        'webhook-registry': SERVICE_HEALTH,
        dispatcher: SERVICE_HEALTH,
        ingest: SERVICE_HEALTH,
      }),
    },
    required: [
      'django-version',
      'installed-apps',
      'netbox-version',
      'plugins',
      'python-version',
      'rq-workers-running',
      'validity-events-version',
      'services',
    ],
    additionalProperties: { type: 'string' },
  },
};
