import { ENVELOPE_CONTENT_TYPE, ENVELOPE_HEADERS, ENVELOPE_SCHEMA_VERSION } from '../envelope-headers';
import { ENVELOPE_EVENTS, type EnvelopeEvent, type JobEvent } from '../netbox-envelope';
import type { EventObjectType } from '../object-types';
import { DEAD_LETTER_TOPIC, TOPICS, topicFor, type TopicDefinition } from '../topics';
import type {
  AsyncApiChannel,
  AsyncApiDocument,
  AsyncApiMessage,
  AsyncApiOperation,
  AsyncApiTag,
} from './asyncapi-types';
import { failedDeliveryMessage, unprocessableRecordMessage } from './dead-letter-messages';
import { OPERATIONAL_EVENT_DEFINITIONS, operationalTopic } from '../operational-events';
import { operationalEventMessage } from './operational-event-message';
import { envelopeMessage } from './envelope-message';
import { netboxHubMessage } from './netbox-hub-message';
import type { JsonSchema } from './json-schema';
import { KAFKA_BINDING_VERSION } from './kafka-binding-version';
import { EVENT_OBJECT_TYPE_CONTRACTS } from './object-type-schemas';
import { WIRE_FORMAT_SCHEMAS } from './wire-format-schemas';

/** The bootstrap server `npm start` runs and every service's `KAFKA_BROKERS` defaults to. */
export const DEFAULT_KAFKA_BOOTSTRAP_SERVER = '127.0.0.1:9092';

/** Tags consumers can filter on: public channels are the contract, internal ones are for operators. */
export const PUBLIC_TAG: AsyncApiTag = { name: 'public', description: 'Part of the public contract.' };
export const INTERNAL_TAG: AsyncApiTag = {
  name: 'internal',
  description: 'For operators of this system only: not part of the public contract, may change at any time.',
};

/** AsyncAPI ids are kept to letters, digits, `-` and `_`, so a topic's dots become dashes. */
export function channelIdFor(topic: string): string {
  return topic.replace(/\./g, '-');
}

const ENVELOPE_MESSAGE_KEY = 'envelope';

const INFO_DESCRIPTION = [
  'The Kafka topics Validity Events publishes for OSS/BSS stream consumers. Every public topic is',
  '`<app_label>.<model>.<event>` and carries exactly the body a NetBox 3.6 webhook (with the Validity plugin)',
  'would post, so code written for NetBox webhooks can read it.',
  '',
  '- **Key**: the object id as a decimal string; all events of one object are on one partition, in order.',
  `- **Headers**: \`${ENVELOPE_HEADERS.eventId}\` (UUIDv7), \`${ENVELOPE_HEADERS.contentType}\`, ` +
    `\`${ENVELOPE_HEADERS.schemaVersion}\`, \`${ENVELOPE_HEADERS.objectType}\`, \`${ENVELOPE_HEADERS.event}\`, ` +
    `and \`${ENVELOPE_HEADERS.traceparent}\` when tracing is on.`,
  "- **Delivery**: at least once, from each service's outbox in commit order. Deduplicate on `event-id`.",
  `- **Versioning**: \`info.version\` is the \`schema-version\` header value (${ENVELOPE_SCHEMA_VERSION}); it changes`,
  '  only for a change consumers must handle differently. Secrets never appear on a public topic.',
  '',
  '',
  'The NetBox hub publishes the webhooks of a NetBox beside this system on the same naming, with the body',
  'that NetBox sent and a `source` header: channels tagged `netbox-hub` for NetBox core models; Validity',
  'topics also carry such records when the NetBox runs Validity. Job events (`<type>.job_started`,',
  '`<type>.job_ended`) and models newer than NetBox 3.6 get their topic when their first event arrives.',
  '',
  "Internal topics (the dispatcher's copy of the webhook definitions, API tokens) are not described. The",
  'dead-letter topic is described for operators only and is tagged `internal`.',
].join('\n');

interface PublicTopic {
  topic: Readonly<TopicDefinition>;
  objectType: EventObjectType;
  event: EnvelopeEvent;
}

// Every event topic name, back to the object type and event it was made from.
const EVENT_TOPIC_ORIGINS = new Map<string, Omit<PublicTopic, 'topic'>>(
  (Object.keys(EVENT_OBJECT_TYPE_CONTRACTS) as EventObjectType[]).flatMap((objectType) =>
    ENVELOPE_EVENTS.map((event) => [topicFor(objectType, event), { objectType, event }] as const),
  ),
);

/** The NetBox hub's topics (producer `ingest`): NetBox's own bodies, described by `netboxHubMessage`. */
function netboxHubTopics(): Readonly<TopicDefinition>[] {
  return TOPICS.filter((topic) => topic.public && topic.producer === 'ingest');
}

function publicTopics(): PublicTopic[] {
  const operational = new Set(
    OPERATIONAL_EVENT_DEFINITIONS.map((definition) => operationalTopic(definition)),
  );
  const objectTopics = TOPICS.filter(
    (topic) => topic.public && topic.producer !== 'ingest' && !operational.has(topic.name),
  );
  return objectTopics.map((topic) => {
    const origin = EVENT_TOPIC_ORIGINS.get(topic.name);
    // A public topic must be described; failing here fails the drift spec rather than publishing a gap.
    if (origin === undefined) throw new Error(`Public topic ${topic.name} has no envelope description`);
    return { topic, ...origin };
  });
}

function kafkaChannelBindings(topic: Readonly<TopicDefinition>): AsyncApiChannel['bindings'] {
  return {
    kafka: {
      partitions: topic.partitions,
      topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy] },
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
}

function deadLetterTopic(): Readonly<TopicDefinition> {
  const topic = TOPICS.find((candidate) => candidate.name === DEAD_LETTER_TOPIC);
  if (topic === undefined) throw new Error(`${DEAD_LETTER_TOPIC} is not in TOPICS`);
  return topic;
}

/**
 * The AsyncAPI 3.0 document of the Kafka topics outside consumers read, built only from the contracts
 * (topic registry, object types, envelope headers and serializer rules), so it cannot drift from what the
 * producers write. Pure: the same document every time, with no I/O.
 */
export function buildAsyncApiDocument(): AsyncApiDocument {
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  const messages: Record<string, AsyncApiMessage> = {};
  const schemas: Record<string, JsonSchema> = { ...WIRE_FORMAT_SCHEMAS };

  for (const contract of Object.values(EVENT_OBJECT_TYPE_CONTRACTS)) {
    for (const [name, schema] of Object.entries(contract.schemas)) {
      if (Object.hasOwn(schemas, name)) throw new Error(`Schema ${name} is defined twice`);
      schemas[name] = schema;
    }
  }

  const addChannel = (
    id: string,
    channel: AsyncApiChannel,
    channelMessages: Record<string, AsyncApiMessage>,
    operation: Omit<AsyncApiOperation, 'action' | 'channel' | 'messages'>,
  ) => {
    if (Object.hasOwn(channels, id)) throw new Error(`Channel id ${id} is used twice`);
    channels[id] = channel;
    for (const [key, message] of Object.entries(channelMessages)) {
      const messageId = `${id}.${key}`;
      messages[messageId] = message;
      channel.messages[key] = { $ref: `#/components/messages/${messageId}` };
    }
    operations[`receive-${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      ...operation,
      messages: Object.keys(channelMessages).map((key) => ({ $ref: `#/channels/${id}/messages/${key}` })),
    };
  };

  for (const { topic, objectType, event } of publicTopics()) {
    const { label } = EVENT_OBJECT_TYPE_CONTRACTS[objectType];
    addChannel(
      channelIdFor(topic.name),
      {
        address: topic.name,
        title: `${label} ${event}`,
        description:
          `One record per ${label.toLowerCase()} ${event}, published by the ${topic.producer} service: ` +
          `the NetBox 3.6 \`${event}\` webhook body of a \`${objectType}\`. The record's timestamp is when ` +
          'the event was stored, even when it was published later.',
        messages: {},
        tags: [PUBLIC_TAG, { name: objectType }],
        bindings: kafkaChannelBindings(topic),
      },
      { [ENVELOPE_MESSAGE_KEY]: envelopeMessage(objectType, event) },
      {
        title: `Receive ${label.toLowerCase()} ${event} events`,
        summary: `Consume \`${topic.name}\` with a consumer group of your own; deduplicate on \`event-id\`.`,
        tags: [PUBLIC_TAG],
      },
    );
  }

  for (const topic of netboxHubTopics()) {
    const objectType = topic.name.slice(0, topic.name.lastIndexOf('.'));
    const event = topic.name.slice(topic.name.lastIndexOf('.') + 1) as EnvelopeEvent | JobEvent;
    addChannel(
      channelIdFor(topic.name),
      {
        address: topic.name,
        title: `NetBox ${objectType} ${event}`,
        description:
          `One record per \`${objectType}\` ${event} in a NetBox beside this system: the body that NetBox's ` +
          "webhook posted to the NetBox hub (`POST /api/ingest/netbox/{source}/`), unchanged. The record's " +
          'timestamp is when the hub accepted it.',
        messages: {},
        tags: [PUBLIC_TAG, { name: 'netbox-hub' }],
        bindings: kafkaChannelBindings(topic),
      },
      { [ENVELOPE_MESSAGE_KEY]: netboxHubMessage(objectType, event) },
      {
        title: `Receive NetBox ${objectType} ${event} events`,
        summary: `Consume \`${topic.name}\` with a consumer group of your own; the \`source\` header names the NetBox.`,
        tags: [PUBLIC_TAG],
      },
    );
  }

  for (const definition of OPERATIONAL_EVENT_DEFINITIONS) {
    const name = operationalTopic(definition);
    const topic = TOPICS.find((candidate) => candidate.name === name)!;
    addChannel(
      channelIdFor(name),
      {
        address: name,
        title: definition.label,
        description: `${definition.summary} Published by the ${definition.producer} service (issue 18).`,
        messages: {},
        tags: [PUBLIC_TAG, { name: 'operational' }],
        bindings: kafkaChannelBindings(topic),
      },
      { [ENVELOPE_MESSAGE_KEY]: operationalEventMessage(definition) },
      {
        title: `Receive ${definition.label.toLowerCase()} events`,
        summary: `Consume \`${name}\` to page an operator, or name \`${definition.objectType}\` in a webhook.`,
        tags: [PUBLIC_TAG],
      },
    );
  }

  const deadLetters = deadLetterTopic();
  addChannel(
    channelIdFor(deadLetters.name),
    {
      address: deadLetters.name,
      title: 'Dead letters (internal)',
      description:
        'INTERNAL, for operators: not part of the public contract and not covered by `schema-version`. ' +
        'Records the dispatcher could not process, and deliveries it gave up on; the headers tell the two ' +
        'apart (`dead-letter-source-topic` or `dead-letter-delivery-id`).',
      messages: {},
      tags: [INTERNAL_TAG],
      bindings: kafkaChannelBindings(deadLetters),
    },
    { 'unprocessable-record': unprocessableRecordMessage(), 'failed-delivery': failedDeliveryMessage() },
    {
      title: 'Inspect dead letters (operators)',
      summary: 'For alerting and replay tooling run by the operators of this system.',
      tags: [INTERNAL_TAG],
    },
  );

  return {
    asyncapi: '3.0.0',
    id: 'urn:validity-events:kafka',
    info: {
      title: 'Validity Events: Kafka topics',
      version: ENVELOPE_SCHEMA_VERSION,
      description: INFO_DESCRIPTION,
    },
    defaultContentType: ENVELOPE_CONTENT_TYPE,
    servers: {
      kafka: {
        host: DEFAULT_KAFKA_BOOTSTRAP_SERVER,
        protocol: 'kafka',
        title: 'Local broker',
        description:
          'The broker `npm start` runs (PLAINTEXT, no authentication). Deployments point the services at ' +
          'their own brokers with `KAFKA_BROKERS`; ask the operator for the bootstrap servers.',
        bindings: { kafka: { bindingVersion: KAFKA_BINDING_VERSION } },
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}

/** The document as committed in `docs/asyncapi.json`: two-space JSON with a final newline. */
export function renderAsyncApiDocument(document: AsyncApiDocument = buildAsyncApiDocument()): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
