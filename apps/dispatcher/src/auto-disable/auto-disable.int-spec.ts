import { logLevel } from 'kafkajs';
import { createKafka } from '@validity/platform/kafka';
import { aWebhookDefinition, testInfrastructure, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import { startTestService, testServiceConfig } from '@validity/service-testing';
import { DispatcherUnderTest } from '../testing/dispatcher-under-test';

const TEST_KIT = { testInfrastructure, uniqueName, waitFor, testServiceConfig, startTestService };

type Delivery = Record<string, unknown> & { status: { value: string }; last_error: string | null };
type Envelope = Record<string, unknown> & { data: Record<string, unknown> };

/** Every record of a (shared) topic so far, parsed. */
async function readTopic(topic: string): Promise<Envelope[]> {
  const kafka = createKafka(testInfrastructure().kafka, 'topic-reader', { logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const high = (await admin.fetchTopicOffsets(topic)).reduce(
    (sum, partition) => sum + Number(partition.high),
    0,
  );
  await admin.disconnect();
  if (high === 0) return [];
  const consumer = kafka.consumer({ groupId: uniqueName('topic_reader') });
  const records: Envelope[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: ({ message }) => {
          records.push(JSON.parse(String(message.value)) as Envelope);
          if (records.length >= high) resolve();
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * Issue 18 item 2 on the dispatcher's side, against real receivers: a 410 Gone and a receiver failing
 * for longer than `WEBHOOK_AUTO_DISABLE_AFTER` (2 s here) each make the dispatcher ask the registry,
 * with a signed command, to disable the webhook; once the registry's disabled definition arrives, the
 * waiting deliveries end failed with its reason and new events are recorded as skipped; `recover`
 * replays exactly those, once, in order, with their original `webhook-id`s.
 */
describe('auto-disable and recovery', () => {
  let dispatcher: DispatcherUnderTest;
  const receivers: TestReceiver[] = [];
  const statusOf = (delivery: Record<string, unknown>) => (delivery as Delivery).status.value;

  beforeAll(async () => {
    dispatcher = await DispatcherUnderTest.start(TEST_KIT, {
      retryScheduleSeconds: Array.from({ length: 30 }, () => 1),
      autoDisableAfterSeconds: 2,
    });
  });
  afterAll(async () => {
    await dispatcher.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });
  const receiver = async (answer: () => number) => {
    const started = await TestReceiver.start({ answer: () => ({ status: answer() }) });
    receivers.push(started);
    return started;
  };
  const commandFor = (webhookId: number) =>
    waitFor(`the disable command of webhook ${webhookId}`, async () =>
      (await dispatcher.commands()).find(({ command }) => command.webhook_id === webhookId),
    );

  it('asks the registry to disable a webhook whose receiver answers 410 Gone, and does not retry', async () => {
    const gone = await receiver(() => 410);
    const hook = aWebhookDefinition(7_101, `${gone.url}/gone`);
    await dispatcher.register(hook);
    await dispatcher.publishReports(1);

    const { command, authentic } = await commandFor(hook.id);
    expect(authentic).toBe(true);
    expect(command).toMatchObject({
      command: 'disable',
      cause: 'gone',
      reason: 'the receiver answered 410 Gone',
    });
    const [delivery] = await waitFor('the delivery failed', async () => {
      const deliveries = await dispatcher.deliveriesOf(hook.id);
      return deliveries.length === 1 && statusOf(deliveries[0]) === 'failed' ? deliveries : undefined;
    });
    expect(delivery.last_error).toMatch(/^HTTP 410 /);
    expect(gone.requests).toHaveLength(1);
  });

  it('disables after every attempt failed for the period, then recovers exactly the failed and skipped ones', async () => {
    let broken = true;
    const flaky = await receiver(() => (broken ? 500 : 200));
    const hook = aWebhookDefinition(7_102, `${flaky.url}/flaky`);
    await dispatcher.register(hook);
    const since = new Date(Date.now() - 1000).toISOString();
    const waitingIds = await dispatcher.publishReports(10, 11);

    const { command, authentic } = await commandFor(hook.id);
    expect(authentic).toBe(true);
    expect(command).toMatchObject({ cause: 'failing', failing_since: expect.any(String) });
    expect(command.reason).toMatch(/^every attempt failed for 2 s/);

    // What the registry publishes when it applies the command.
    await dispatcher.register({
      ...hook,
      enabled: false,
      disabled_reason: command.reason,
      last_updated: new Date().toISOString(),
    });
    const ended = await waitFor('the waiting deliveries failed with the reason', async () => {
      const deliveries = await dispatcher.deliveriesOf(hook.id);
      return deliveries.length === 2 && deliveries.every((delivery) => statusOf(delivery) === 'failed')
        ? deliveries
        : undefined;
    });
    for (const delivery of ended) expect(delivery.last_error).toContain(command.reason);

    const [skippedId] = await dispatcher.publishReports(12);
    const skipped = await waitFor('the skipped delivery', async () =>
      (await dispatcher.deliveriesOf(hook.id)).find((delivery) => delivery.event_id === skippedId),
    );
    expect(statusOf(skipped)).toBe('failed');
    expect(skipped.last_error).toBe(`skipped: the webhook was disabled: ${command.reason}`);

    // Refused while disabled; the receiver is fixed and a client enables the webhook again.
    expect((await dispatcher.api(`extras/webhooks/${hook.id}/recover/`, 'POST', { since })).status).toBe(409);
    expect((await dispatcher.api(`extras/webhooks/${hook.id}/recover/`, 'POST', {})).body).toEqual({
      since: ['This field is required.'],
    });
    broken = false;
    await dispatcher.register({ ...hook, last_updated: new Date().toISOString() });
    const seenBefore = flaky.requests.length;
    const recovered = await dispatcher.api(`extras/webhooks/${hook.id}/recover/`, 'POST', { since });
    expect(recovered).toEqual({ status: 200, body: { count: 3 } });

    const replayed = (await flaky.waitForRequests(seenBefore + 3)).slice(seenBefore);
    // Queued in their original order; they arrive in it only with `ordering: per_object` (per object),
    // as any deliveries of one webhook sent up to its concurrency cap at once.
    expect(replayed.map((request) => request.headers['webhook-id']).sort()).toEqual(
      [...waitingIds, skippedId].map((eventId) => `msg_${eventId}_${hook.id}`).sort(),
    );
    await waitFor('all delivered', async () =>
      (await dispatcher.deliveriesOf(hook.id)).every((delivery) => statusOf(delivery) === 'delivered')
        ? true
        : undefined,
    );
    // Once: nothing failed is left to replay.
    expect((await dispatcher.api(`extras/webhooks/${hook.id}/recover/`, 'POST', { since })).body).toEqual({
      count: 0,
    });
    expect(flaky.requests).toHaveLength(seenBefore + 3);

    // Each recovered delivery is announced once on `validity-events.delivery.recovered`.
    const messageIds = [...waitingIds, skippedId].map((eventId) => `msg_${eventId}_${hook.id}`);
    const announced = await waitFor('the recovered events', async () => {
      const records = (await readTopic('validity-events.delivery.recovered')).filter((record) =>
        messageIds.includes(record.data.message_id as string),
      );
      return records.length >= 3 ? records : undefined;
    });
    expect(announced.map((record) => record.data.message_id).sort()).toEqual([...messageIds].sort());
    expect(announced[0]).toMatchObject({
      event: 'recovered',
      model: 'delivery',
      snapshots: { prechange: null },
    });
  });
});
