import { logLevel } from 'kafkajs';
import {
  encodeEnvelope,
  encodeWebhookDefinition,
  webhookDefinitionTombstone,
  WEBHOOK_COMMANDS_TOPIC,
  WEBHOOK_DEFINITIONS_TOPIC,
  type DisableWebhookCommand,
  type NetBoxEnvelope,
  type OutgoingKafkaMessage,
  type WebhookDefinition,
} from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { KafkaConnection, ServiceConfig } from '@validity/platform/config';
import { AppModule } from '../app.module';
import type { DeliverySettings, DispatcherConfig } from '../config';
import { WebhookView } from '../webhook-view/webhook-view';

/** A service started in this process, as `@validity/service-testing` starts it. */
interface TestService {
  app: INestApplication;
  url: string;
  auth: string;
  close(): Promise<void>;
}

/**
 * The test helpers a spec hands in (`@validity/testing`, `@validity/service-testing`): only specs may
 * depend on the testing libs, and this file is not a spec.
 */
export interface DispatcherTestKit {
  testInfrastructure(): { kafka: KafkaConnection; internalTopicHmacKey: string };
  uniqueName(prefix: string): string;
  waitFor<T>(
    what: string,
    probe: () => T | undefined | Promise<T | undefined>,
    timeoutMs?: number,
  ): Promise<T>;
  testServiceConfig(name: string): ServiceConfig;
  startTestService(rootModule: DynamicModule, config: ServiceConfig): Promise<TestService>;
}

/**
 * A dispatcher in this process on topics of its own (so no other spec's events or webhooks reach it),
 * with the helpers a delivery spec needs: register webhook definitions signed as the registry signs
 * them, publish report events, read the delivery log.
 */
export class DispatcherUnderTest {
  private constructor(
    readonly service: TestService,
    readonly config: DispatcherConfig,
    private readonly producer: EventProducer,
    private readonly registry: InternalRecordAuthenticator,
    private readonly kit: DispatcherTestKit,
  ) {}

  static async start(
    kit: DispatcherTestKit,
    delivery: Partial<DeliverySettings> = {},
    extra: Partial<DispatcherConfig> = {},
  ): Promise<DispatcherUnderTest> {
    const { testInfrastructure, uniqueName, testServiceConfig, startTestService } = kit;
    const { internalTopicHmacKey, kafka: connection } = testInfrastructure();
    const topics = {
      events: [uniqueName('events')],
      webhookDefinitions: uniqueName('webhooks'),
      deadLetter: uniqueName('dead_letters'),
      webhookCommands: uniqueName('webhook_commands'),
    };
    await ensureTopics(connection, [
      { name: topics.events[0], partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: true },
      {
        name: topics.webhookDefinitions,
        partitions: 1,
        cleanupPolicy: 'compact',
        producer: 'webhook-registry',
        public: false,
      },
      {
        name: topics.deadLetter,
        partitions: 1,
        cleanupPolicy: 'delete',
        producer: 'dispatcher',
        public: false,
      },
      {
        name: topics.webhookCommands,
        partitions: 1,
        cleanupPolicy: 'delete',
        producer: 'dispatcher',
        public: false,
      },
    ]);
    const producer = await EventProducer.connect(
      createKafka(connection, 'dispatcher-under-test', { logLevel: logLevel.NOTHING }),
    );
    const config: DispatcherConfig = {
      ...testServiceConfig('dispatcher'),
      consumerGroup: uniqueName('dispatcher'),
      topics,
      delivery: {
        retryScheduleSeconds: [1, 1, 1],
        blockPrivateAddresses: false,
        concurrency: 20,
        concurrencyPerWebhook: 1,
        logRetentionDays: 30,
        ...delivery,
      },
      ...extra,
    };
    const service = await startTestService(AppModule.register(config), config);
    return new DispatcherUnderTest(
      service,
      config,
      producer,
      new InternalRecordAuthenticator(internalTopicHmacKey),
      kit,
    );
  }

  /** Publishes the definitions and waits until the dispatcher's view has exactly them. */
  async register(...definitions: WebhookDefinition[]): Promise<void> {
    await this.producer.send(
      this.config.topics.webhookDefinitions,
      definitions.map((definition) =>
        this.registry.sign(WEBHOOK_DEFINITIONS_TOPIC, encodeWebhookDefinition(definition).message),
      ),
    );
    const view = this.service.app.get(WebhookView, { strict: false });
    await this.kit.waitFor('the webhooks in the view', () =>
      definitions.every(
        (definition) => JSON.stringify(view.get(definition.id)?.definition) === JSON.stringify(definition),
      )
        ? true
        : undefined,
    );
  }

  /** Publishes the definitions' tombstones (the registry's delete) and waits until the view drops them. */
  async unregister(...ids: number[]): Promise<void> {
    await this.producer.send(
      this.config.topics.webhookDefinitions,
      ids.map((id) => this.registry.sign(WEBHOOK_DEFINITIONS_TOPIC, webhookDefinitionTombstone(id).message)),
    );
    const view = this.service.app.get(WebhookView, { strict: false });
    await this.kit.waitFor('the webhooks gone from the view', () =>
      ids.every((id) => view.get(id) === undefined) ? true : undefined,
    );
  }

  /** Publishes `validity.compliancereport.created` events for these report ids; returns their event ids. */
  async publishReports(...ids: number[]): Promise<string[]> {
    const messages = ids.map((id) => reportCreated(id));
    await this.producer.send(this.config.topics.events[0], messages);
    return messages.map((message) => message.headers['event-id']);
  }

  /** `GET /api/extras/webhook-deliveries/<path>` (or another method with a JSON body). */
  async api(
    path: string,
    method = 'GET',
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.service.url}/api/${path}`, {
      method,
      headers: { Authorization: this.service.auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** The webhook's deliveries, oldest first. */
  async deliveriesOf(webhookId: number): Promise<Array<Record<string, unknown>>> {
    const page = await this.api(`extras/webhook-deliveries/?webhook_id=${webhookId}&limit=0`);
    return (page.body.results as Array<Record<string, unknown>>).reverse();
  }

  /**
   * The records the dispatcher put on its webhook-commands topic so far (read from the beginning), with
   * whether each carries the services' HMAC.
   */
  async commands(): Promise<Array<{ command: DisableWebhookCommand; authentic: boolean }>> {
    const { kafka: connection } = this.kit.testInfrastructure();
    const topic = this.config.topics.webhookCommands!;
    const admin = createKafka(connection, 'commands-reader', { logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const [{ high }] = (await admin.fetchTopicOffsets(topic)).map((partition) => ({
      high: Number(partition.high),
    }));
    await admin.disconnect();
    if (high === 0) return [];
    const consumer = createKafka(connection, 'commands-reader', { logLevel: logLevel.NOTHING }).consumer({
      groupId: this.kit.uniqueName('commands_reader'),
    });
    const found: Array<{ command: DisableWebhookCommand; authentic: boolean }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            const record = {
              key: message.key,
              value: message.value,
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([name, value]) => [name, value as Buffer]),
              ),
            };
            found.push({
              command: JSON.parse(String(message.value)) as DisableWebhookCommand,
              authentic: this.registry.verify(WEBHOOK_COMMANDS_TOPIC, record).ok,
            });
            if (Number(message.offset) + 1 >= high) resolve();
            return Promise.resolve();
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    return found;
  }

  async close(): Promise<void> {
    await this.service.close();
    await this.producer.disconnect();
  }
}

function reportCreated(id: number): OutgoingKafkaMessage {
  const envelope: NetBoxEnvelope = {
    event: 'created',
    timestamp: '2024-01-10T08:15:02.401177+00:00',
    model: 'compliancereport',
    username: 'admin',
    request_id: '3f0c4b0e-2f6a-4c52-9d1e-6a2f0b7d9c11',
    data: { id, url: `/api/plugins/validity/reports/${id}/`, display: `report-${id}` },
    snapshots: { prechange: null, postchange: { created: '2024-01-10T08:14:58.120Z' } },
  };
  return encodeEnvelope(envelope, { objectType: 'validity.compliancereport', objectId: id }).message;
}
