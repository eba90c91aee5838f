import { DataSource } from 'typeorm';
import {
  encodeWebhookCommand,
  WEBHOOK_COMMANDS_TOPIC,
  type DisableWebhookCommand,
} from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { aWebhookBody, testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { AppModule } from '../app.module';
import { webhookApi } from './testing/webhook-api';
import { TopicCollector } from './testing/topic-collector';

/**
 * Issue 18 item 2 on the registry's side: a disable command from the dispatcher, signed with the
 * services' key, becomes a normal webhook update (with its `extras.webhook.updated` event) that sets
 * the read-only `disabled_reason`; a forged one is ignored, and enabling the webhook clears the reason.
 */
describe('the registry applying webhook commands', () => {
  const { kafka: connection, internalTopicHmacKey } = testInfrastructure();
  const commandsTopic = uniqueName('webhook_commands');
  const kafka = createKafka(connection, 'commands-spec');
  const collector = new TopicCollector(kafka, ['extras.webhook.updated', 'validity-events.webhook.disabled']);
  let service: TestService;
  let api: ReturnType<typeof webhookApi>;
  let producer: EventProducer;

  const command = (webhookId: number, reason: string): DisableWebhookCommand => ({
    command: 'disable',
    webhook_id: webhookId,
    cause: 'gone',
    reason,
    requested_at: new Date().toISOString(),
    failing_since: null,
  });

  beforeAll(async () => {
    await ensureTopics(connection, [
      { name: commandsTopic, partitions: 1, cleanupPolicy: 'delete', producer: 'dispatcher', public: false },
    ]);
    const base = testServiceConfig('webhook-registry');
    const config = { ...base, lifecycle: { secretOverlapMs: 0, commandsTopic } };
    service = await startTestService(AppModule.register(config), config);
    api = webhookApi(service);
    producer = await EventProducer.connect(kafka);
    await collector.start();
  });
  afterAll(async () => {
    await collector.stop();
    await producer.disconnect();
    await service.close();
  });

  it('disables the webhook with the reason as a normal update, once, and ignores forged commands', async () => {
    const hook = await api.create(
      aWebhookBody({
        name: uniqueName('gone'),
      }),
    );
    const forged = new InternalRecordAuthenticator('f'.repeat(64));
    await producer.send(commandsTopic, [
      encodeWebhookCommand(command(hook.id, 'unsigned')),
      forged.sign(WEBHOOK_COMMANDS_TOPIC, encodeWebhookCommand(command(hook.id, 'forged'))),
    ]);
    const services = new InternalRecordAuthenticator(internalTopicHmacKey);
    const reason = 'the receiver answered 410 Gone';
    // Twice, as two dispatcher instances (or a redelivered record) may ask: one update.
    await producer.send(commandsTopic, [
      services.sign(WEBHOOK_COMMANDS_TOPIC, encodeWebhookCommand(command(hook.id, reason))),
      services.sign(WEBHOOK_COMMANDS_TOPIC, encodeWebhookCommand(command(hook.id, 'again'))),
    ]);

    const disabled = await waitFor('the webhook disabled', async () => {
      const answer = await api.get(`${hook.id}/`);
      return answer.body.enabled === false ? answer.body : undefined;
    });
    expect(disabled.disabled_reason).toBe(reason);

    const events: Array<{ event_id: string; topic: string }> = await service.app.get(DataSource).query(
      `SELECT "event_id", "topic" FROM "${service.config.database.schema}"."event_store"
         WHERE "stream_id" = $1 AND "topic" = 'extras.webhook.updated'`,
      [`webhook-${hook.id}`],
    );
    expect(events).toHaveLength(1);
    const record = await waitFor('the update on Kafka', () => collector.find(events[0].event_id));
    expect(JSON.parse(record.value!.toString())).toMatchObject({
      event: 'updated',
      username: 'validity-events',
      data: { id: hook.id, enabled: false, disabled_reason: reason },
      snapshots: { prechange: { enabled: true }, postchange: { enabled: false } },
    });

    // The operator's page: one `validity-events.webhook.disabled`, in the envelope format.
    const [operational]: Array<{ event_id: string }> = await service.app.get(DataSource).query(
      `SELECT "event_id" FROM "${service.config.database.schema}"."event_store"
         WHERE "topic" = 'validity-events.webhook.disabled' AND "stream_id" LIKE 'operational-event-%'`,
    );
    const page = await waitFor('the disabled event on Kafka', () => collector.find(operational.event_id));
    expect(page.headers).toMatchObject({ 'object-type': 'validity-events.webhook', event: 'disabled' });
    expect(JSON.parse(page.value!.toString())).toMatchObject({
      event: 'disabled',
      model: 'webhook',
      data: { webhook: { id: hook.id, name: hook.name }, cause: 'gone', reason },
      snapshots: { prechange: null, postchange: null },
    });

    // Read-only in the API: a client cannot set it, and enabling the webhook clears it.
    const enabled = await api.patch(`${hook.id}/`, { enabled: true, disabled_reason: 'client text' });
    expect(enabled.body).toMatchObject({ enabled: true, disabled_reason: '' });
  });
});
