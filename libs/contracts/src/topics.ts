import { ENVELOPE_EVENTS, JOB_EVENTS, type EnvelopeEvent } from './netbox-envelope';
import { NETBOX_CORE_OBJECT_TYPES, NETBOX_JOB_OBJECT_TYPES } from './netbox-object-types';
import { OPERATIONAL_EVENT_DEFINITIONS, operationalTopic } from './operational-events';
import {
  OBJECT_TYPES,
  type EventObjectType,
  type ObjectTypeDefinition,
  type ServiceName,
} from './object-types';

export interface TopicDefinition {
  name: string;
  partitions: number;
  /** `compact` keeps the latest record per key: a state table, not an event log. */
  cleanupPolicy: 'delete' | 'compact';
  producer: ServiceName;
  /** Public topics carry envelopes for outside consumers and never contain secrets. */
  public: boolean;
}

/** Full webhook definitions, secrets included, keyed by webhook id: the dispatcher's copy of the registry. */
export const WEBHOOK_DEFINITIONS_TOPIC = 'webhook-registry.webhooks';
/** API tokens keyed by token id, so every service can authenticate requests itself. */
export const TOKENS_TOPIC = 'users.tokens';
/**
 * Commands to the registry about its webhooks (issue 18: "disable this one, its receiver is gone"),
 * keyed by webhook id. The registry owns webhooks; the dispatcher only asks, through Kafka like every
 * other service-to-service call, and the registry applies each command as a normal webhook update.
 */
export const WEBHOOK_COMMANDS_TOPIC = 'webhook-registry.commands';
/** Deliveries the dispatcher gave up on. */
export const DEAD_LETTER_TOPIC = 'validity-events.dead-letter';

/** NetBox's naming, `<app_label>.<model>.<event>`, e.g. `validity.compliancereport.created`. */
export function topicFor<Type extends EventObjectType, Event extends EnvelopeEvent>(
  objectType: Type,
  event: Event,
): `${Type}.${Event}` {
  return `${objectType}.${event}`;
}

// Three partitions spread delivery load over dispatcher instances; the object id key keeps per-object order.
const EVENT_TOPIC_PARTITIONS = 3;

const EVENT_TOPICS: TopicDefinition[] = Object.values(OBJECT_TYPES)
  .filter(
    (objectType): objectType is ObjectTypeDefinition & { name: EventObjectType } => objectType.emitsEvents,
  )
  .flatMap((objectType) =>
    ENVELOPE_EVENTS.map((event) => ({
      name: topicFor(objectType.name, event),
      partitions: EVENT_TOPIC_PARTITIONS,
      cleanupPolicy: 'delete' as const,
      producer: objectType.producer,
      public: objectType.public,
    })),
  );

/**
 * The NetBox hub's topics: the object events of every NetBox core model a webhook or event rule may
 * name, and the job events of the models that have jobs, as apps/ingest publishes them from a NetBox's
 * own webhooks. Provisioned up front so the dispatcher can subscribe to them (a consumer does not see
 * topics created after it subscribed). One partition each: a NetBox sends its changes one request at a
 * time, and there are ~350 of them; an operator may add partitions to a busy one (keys keep per-object
 * order). Models outside these lists (a plugin's) get their topic when their first event arrives.
 */
const NETBOX_HUB_TOPIC_PARTITIONS = 1;

const NETBOX_HUB_TOPICS: TopicDefinition[] = NETBOX_CORE_OBJECT_TYPES.filter(
  (objectType) => !EVENT_TOPICS.some((topic) => topic.name.startsWith(`${objectType.name}.`)),
).flatMap((objectType) =>
  ENVELOPE_EVENTS.map((event) => ({
    name: `${objectType.name}.${event}`,
    partitions: NETBOX_HUB_TOPIC_PARTITIONS,
    cleanupPolicy: 'delete' as const,
    producer: 'ingest' as const,
    public: true,
  })),
);

const NETBOX_HUB_JOB_TOPICS: TopicDefinition[] = NETBOX_JOB_OBJECT_TYPES.flatMap((objectType) =>
  JOB_EVENTS.map((event) => ({
    name: `${objectType}.${event}`,
    partitions: NETBOX_HUB_TOPIC_PARTITIONS,
    cleanupPolicy: 'delete' as const,
    producer: 'ingest' as const,
    public: true,
  })),
);

const INTERNAL_TOPICS: TopicDefinition[] = [
  {
    name: WEBHOOK_DEFINITIONS_TOPIC,
    partitions: 3,
    cleanupPolicy: 'compact',
    producer: 'webhook-registry',
    public: false,
  },
  { name: TOKENS_TOPIC, partitions: 1, cleanupPolicy: 'compact', producer: 'users', public: false },
  {
    name: WEBHOOK_COMMANDS_TOPIC,
    partitions: 1,
    cleanupPolicy: 'delete',
    producer: 'dispatcher',
    public: false,
  },
  { name: DEAD_LETTER_TOPIC, partitions: 1, cleanupPolicy: 'delete', producer: 'dispatcher', public: false },
];

/** Issue 18's operational events: public, so the dispatcher delivers them like object events. */
const OPERATIONAL_TOPICS: TopicDefinition[] = OPERATIONAL_EVENT_DEFINITIONS.map((definition) => ({
  name: operationalTopic(definition),
  partitions: 1,
  cleanupPolicy: 'delete' as const,
  producer: definition.producer,
  public: true,
}));

/** Every topic the system uses, for provisioning and for the AsyncAPI document. */
export const TOPICS: readonly Readonly<TopicDefinition>[] = Object.freeze(
  [
    ...EVENT_TOPICS,
    ...NETBOX_HUB_TOPICS,
    ...NETBOX_HUB_JOB_TOPICS,
    ...INTERNAL_TOPICS,
    ...OPERATIONAL_TOPICS,
  ].map((topic) => Object.freeze(topic)),
);

export const ALL_TOPIC_NAMES: readonly string[] = Object.freeze(TOPICS.map((topic) => topic.name));
