import { logLevel } from 'kafkajs';
import { createKafka } from '@validity/platform/kafka';
import {
  aWebhookDefinition,
  readTopic,
  testInfrastructure,
  TestReceiver,
  uniqueName,
  waitFor,
  type ReadRecord,
} from '@validity/testing';
import { startTestService, testServiceConfig } from '@validity/service-testing';
import { DispatcherUnderTest } from '../testing/dispatcher-under-test';

const TEST_KIT = { testInfrastructure, uniqueName, waitFor, testServiceConfig, startTestService };
const kafka = createKafka(testInfrastructure().kafka, 'operational-events-spec', {
  logLevel: logLevel.NOTHING,
});

/** The records of a shared topic whose envelope is about this delivery (`data.message_id`), as read from Kafka. */
async function recordsAbout(topic: string, messageId: string): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const total = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  if (total === 0) return [];
  return (await readTopic(kafka, topic, total)).filter(
    (record) =>
      (JSON.parse(String(record.value)) as { data: { message_id?: string } }).data.message_id === messageId,
  );
}

/**
 * Issue 18 item 8 for deliveries, on a real broker: a delivery that uses up its retries is announced on
 * `validity-events.delivery.exhausted`, and once `recover` replays it and it is delivered, on
 * `validity-events.delivery.recovered`; each once, as an ordinary envelope keyed by the delivery.
 */
describe('operational events of deliveries on Kafka', () => {
  let dispatcher: DispatcherUnderTest;
  let receiver: TestReceiver;
  let broken = true;

  beforeAll(async () => {
    // Two attempts, a second apart, then the delivery fails; auto-disable far away.
    dispatcher = await DispatcherUnderTest.start(TEST_KIT, {
      retryScheduleSeconds: [1],
      autoDisableAfterSeconds: 3_600,
    });
    receiver = await TestReceiver.start({ answer: () => ({ status: broken ? 500 : 200 }) });
  });
  afterAll(async () => {
    await dispatcher.close();
    await receiver.close();
  });

  it('publishes delivery.exhausted when retries run out, and delivery.recovered once recover delivered it', async () => {
    const hook = aWebhookDefinition(7_201, `${receiver.url}/paged`);
    await dispatcher.register(hook);
    const since = new Date(Date.now() - 1_000).toISOString();
    const [eventId] = await dispatcher.publishReports(21);
    const messageId = `msg_${eventId}_${hook.id}`;

    const [delivery] = await waitFor('the delivery failed', async () => {
      const deliveries = await dispatcher.deliveriesOf(hook.id);
      return deliveries.length === 1 && (deliveries[0].status as { value: string }).value === 'failed'
        ? deliveries
        : undefined;
    });
    const [exhausted] = await waitFor('the exhausted event', async () => {
      const records = await recordsAbout('validity-events.delivery.exhausted', messageId);
      return records.length > 0 ? records : undefined;
    });
    expect(exhausted.key).toBe(String(delivery.id));
    expect(exhausted.headers).toMatchObject({
      'content-type': 'application/json',
      'object-type': 'validity-events.delivery',
      event: 'exhausted',
      'event-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.parse(String(exhausted.value))).toMatchObject({
      event: 'exhausted',
      model: 'delivery',
      username: 'dispatcher',
      data: {
        id: delivery.id,
        url: `/api/extras/webhook-deliveries/${String(delivery.id)}/`,
        webhook: { id: hook.id, url: `/api/extras/webhooks/${hook.id}/` },
        event_id: eventId,
        object_type: 'validity.compliancereport',
        event: 'created',
        message_id: messageId,
        attempts: 2,
        last_error: 'HTTP 500 (gave up after 2 attempts)',
      },
      snapshots: { prechange: null, postchange: null },
    });
    expect(receiver.requests).toHaveLength(2);

    // Nothing is announced as recovered before it is delivered.
    expect(await recordsAbout('validity-events.delivery.recovered', messageId)).toEqual([]);
    broken = false;
    const recovered = await dispatcher.api(`extras/webhooks/${hook.id}/recover/`, 'POST', { since });
    expect(recovered).toEqual({ status: 200, body: { count: 1 } });
    const [replayed] = (await receiver.waitForRequests(3)).slice(2);
    expect(replayed.headers['webhook-id']).toBe(messageId);

    const [announced] = await waitFor('the recovered event', async () => {
      const records = await recordsAbout('validity-events.delivery.recovered', messageId);
      return records.length > 0 ? records : undefined;
    });
    expect(announced.key).toBe(String(delivery.id));
    expect(announced.headers).toMatchObject({
      'object-type': 'validity-events.delivery',
      event: 'recovered',
    });
    expect(JSON.parse(String(announced.value))).toMatchObject({
      event: 'recovered',
      model: 'delivery',
      data: { id: delivery.id, message_id: messageId, attempts: 3, last_error: null },
    });
    // Once each: neither is published again by a later sweep.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await recordsAbout('validity-events.delivery.exhausted', messageId)).toHaveLength(1);
    expect(await recordsAbout('validity-events.delivery.recovered', messageId)).toHaveLength(1);
  });
});
