import type { JsonSchema } from './json-schema';

// The subset of AsyncAPI 3.0.0 objects this document uses, typed so the generator cannot misspell a field.

export interface AsyncApiReference {
  $ref: string;
}

export interface AsyncApiTag {
  name: string;
  description?: string;
}

export interface KafkaMessageBinding {
  key: JsonSchema;
  bindingVersion: string;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  description?: string;
  contentType: string;
  headers: JsonSchema;
  payload: JsonSchema;
  bindings: { kafka: KafkaMessageBinding };
}

export interface KafkaChannelBinding {
  partitions: number;
  topicConfiguration: { 'cleanup.policy': ('delete' | 'compact')[] };
  bindingVersion: string;
}

export interface AsyncApiChannel {
  /** The Kafka topic name. */
  address: string;
  title: string;
  description: string;
  messages: Record<string, AsyncApiReference>;
  tags: AsyncApiTag[];
  bindings: { kafka: KafkaChannelBinding };
}

export interface AsyncApiOperation {
  /** `receive`: the document describes what a consumer of these topics receives. */
  action: 'receive';
  channel: AsyncApiReference;
  title: string;
  summary: string;
  messages: AsyncApiReference[];
  tags: AsyncApiTag[];
}

export interface AsyncApiServer {
  host: string;
  protocol: 'kafka';
  title: string;
  description: string;
  bindings: { kafka: { bindingVersion: string } };
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  id: string;
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { schemas: Record<string, JsonSchema>; messages: Record<string, AsyncApiMessage> };
}
