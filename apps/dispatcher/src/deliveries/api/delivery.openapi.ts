import type { SchemaObject } from '@nestjs/swagger';
import { ENVELOPE_EVENTS, JOB_EVENTS } from '@validity/contracts';
import {
  ABSOLUTE_URL,
  CHANGE_LOGGED,
  CHANGE_LOGGED_FILTERS,
  exactObject,
  filterQuery,
  fullOrBrief,
  LIST_QUERY,
  NETBOX_DATETIME,
  netboxObject,
  nullable,
  OBJECT_ID,
  schemaRef,
  type QueryParameter,
} from '@validity/platform/netbox-api';
import { DELIVERY_STATUSES } from '../delivery';

const STATUS = { type: 'string', enum: [...DELIVERY_STATUSES] } satisfies SchemaObject;

const NESTED_WEBHOOK = netboxObject(
  { name: { type: 'string', nullable: true, description: 'null once the webhook is deleted' } },
  { description: 'The webhook as a NetBox nested object' },
);

const DELIVERY_FIELDS: Record<string, SchemaObject> = {
  id: OBJECT_ID,
  url: ABSOLUTE_URL,
  display: { type: 'string' },
  webhook: NESTED_WEBHOOK,
  message_id: { type: 'string', description: 'The `webhook-id` header receivers see' },
  event_id: { type: 'string' },
  event: { type: 'string', enum: [...ENVELOPE_EVENTS, ...JOB_EVENTS] },
  object_type: { type: 'string' },
  object_id: { type: 'string', nullable: true },
  request_id: { type: 'string', nullable: true },
  status: exactObject({
    value: STATUS,
    label: { type: 'string', enum: ['Pending', 'Retrying', 'Delivered', 'Failed', 'Cancelled'] },
  }),
  attempt_count: { type: 'integer', minimum: 0 },
  next_attempt: nullable(NETBOX_DATETIME),
  last_error: { type: 'string', nullable: true },
  ...CHANGE_LOGGED,
};

/** `deliveryRepresentation`, `deliveryDetailRepresentation` and the brief form, exactly. */
export const DELIVERY_SCHEMAS: Record<string, SchemaObject> = {
  WebhookDelivery: exactObject(DELIVERY_FIELDS),
  WebhookDeliveryDetail: exactObject({
    ...DELIVERY_FIELDS,
    attempts: {
      type: 'array',
      description: 'Every attempt, oldest first',
      items: exactObject({
        number: { type: 'integer', minimum: 1 },
        started: NETBOX_DATETIME,
        duration_ms: { type: 'integer', minimum: 0 },
        status_code: { type: 'integer', nullable: true },
        response_body: { type: 'string', nullable: true },
        error: { type: 'string', nullable: true },
        request_headers: {
          type: 'object',
          nullable: true,
          additionalProperties: { type: 'string' },
          description:
            'The headers sent, in order, every value that may be secret (signatures, Authorization, additional_headers values) as "********"; null when nothing was sent',
        },
        request_body: {
          type: 'string',
          nullable: true,
          description: 'The first 8 KiB of the body sent; null when nothing was sent',
        },
      }),
    },
  }),
  BriefWebhookDelivery: netboxObject({}),
  ReplayCount: exactObject({ count: { type: 'integer', minimum: 0 } }),
  WebhookTestEvent: {
    type: 'object',
    required: ['webhook'],
    properties: {
      webhook: { ...OBJECT_ID, description: 'The (enabled) webhook to send the sample event to' },
    },
  },
  WebhookDeliveryHealth: exactObject({
    webhook: NESTED_WEBHOOK,
    circuit: exactObject(
      {
        value: { type: 'string', enum: ['closed', 'open', 'half-open'] },
        label: { type: 'string', enum: ['Closed', 'Open', 'Half-open'] },
      },
      { description: "The webhook's circuit breaker in the dispatcher instance that answered" },
    ),
    consecutive_failures: { type: 'integer', minimum: 0 },
    circuit_open_until: nullable({
      ...NETBOX_DATETIME,
      description: 'While open: when the next probe may go',
    }),
    in_flight: { type: 'integer', minimum: 0, description: 'Requests in flight from this instance' },
    queued: { type: 'integer', minimum: 0, description: 'Claimed deliveries waiting in this instance' },
    waiting: { type: 'integer', minimum: 0, description: 'Pending or retrying deliveries (all instances)' },
  }),
};

export const DELIVERY_HEALTH_QUERY: readonly QueryParameter[] = [
  ...LIST_QUERY,
  filterQuery('webhook_id', { type: 'integer' }),
];

export const DELIVERY_OR_BRIEF = fullOrBrief(schemaRef('WebhookDelivery'), schemaRef('BriefWebhookDelivery'));
export const DELIVERY_DETAIL = schemaRef('WebhookDeliveryDetail');

/** The delivery log's filters (`FILTERS` in delivery-log.ts; lookups not listed). */
export const DELIVERY_FILTERS: readonly QueryParameter[] = [
  filterQuery('webhook_id', { type: 'integer' }),
  filterQuery('status', STATUS),
  filterQuery('message_id'),
  filterQuery('event_id'),
  filterQuery('event', { type: 'string', enum: [...ENVELOPE_EVENTS, ...JOB_EVENTS] }),
  filterQuery('object_type'),
  filterQuery('object_id'),
  ...CHANGE_LOGGED_FILTERS,
];
