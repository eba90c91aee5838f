import { createHmac } from 'node:crypto';
import { aWebhookBody, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import { api, kcatRecords, postPassingRun } from './system-clients';

/** A topic's records with their values parsed. */
const kcatJson = async (topic: string) =>
  (await kcatRecords(topic)).map(({ key, value }) => ({
    key,
    value: JSON.parse(value) as Record<string, unknown>,
  }));

/**
 * Issue 18 items 2 and 8 through the whole stack: a receiver that answers 410 Gone gets its webhook
 * disabled at once (a normal update, visible in the API with its reason), the registry publishes
 * `validity-events.webhook.disabled`, and an operator's webhook subscribed to that event is paged.
 */
describe('a receiver that is gone', () => {
  let gone: TestReceiver;
  let pager: TestReceiver;
  const prefix = uniqueName('gone');
  const pagerSecret = 'operator-pager-secret';
  /** Deleted at the end, so the shared stack's later events do not go to receivers that are closed. */
  const created: number[] = [];

  beforeAll(async () => {
    gone = await TestReceiver.start({ statuses: [410] });
    pager = await TestReceiver.start();
  });
  afterAll(async () => {
    for (const id of created) await api('DELETE', `extras/webhooks/${id}/`);
    await gone.close();
    await pager.close();
  });

  it('answers 410 → the webhook is disabled, webhook.disabled is on Kafka, and the operator’s webhook receives it', async () => {
    const operator = await api(
      'POST',
      'extras/webhooks/',
      aWebhookBody({
        name: `${prefix}-pager`,
        content_types: ['validity-events.webhook'],
        payload_url: `${pager.url}/pager/`,
        secret: pagerSecret,
      }),
    );
    expect(operator.status).toBe(201);
    created.push(operator.body.id as number);
    const webhook = await api(
      'POST',
      'extras/webhooks/',
      aWebhookBody({ name: `${prefix}-retired`, payload_url: `${gone.url}/retired/` }),
    );
    expect(webhook.status).toBe(201);
    const id = webhook.body.id as number;
    created.push(id);

    await postPassingRun(prefix);

    // The API shows it disabled by the system, with the reason.
    const disabled = await waitFor(
      'the webhook disabled',
      async () => {
        const current = await api('GET', `extras/webhooks/${id}/`);
        return current.body.enabled === false ? current.body : undefined;
      },
      120_000,
    );
    expect(disabled.disabled_reason).toBe('the receiver answered 410 Gone');
    // A 410 is not retried: each delivery was sent once (runs of specs beside this one can reach the
    // webhook before it is disabled, each a delivery of its own).
    const sent = gone.requests.map((request) => request.headers['webhook-id']);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent).size).toBe(sent.length);

    // A normal webhook update on the public topic, and the operational event beside it.
    const updated = await waitFor('extras.webhook.updated with enabled false', async () =>
      (await kcatJson('extras.webhook.updated')).find(
        (record) =>
          record.key === String(id) && (record.value.data as Record<string, unknown>).enabled === false,
      ),
    );
    expect(updated.value.data).toMatchObject({ id, disabled_reason: 'the receiver answered 410 Gone' });
    const onKafka = await waitFor('validity-events.webhook.disabled on Kafka', async () =>
      (await kcatJson('validity-events.webhook.disabled')).find((record) => record.key === String(id)),
    );
    expect(onKafka.value).toMatchObject({
      event: 'disabled',
      model: 'webhook',
      username: expect.any(String),
      data: {
        webhook: { id, url: `/api/extras/webhooks/${id}/`, name: `${prefix}-retired` },
        cause: 'gone',
        reason: 'the receiver answered 410 Gone',
      },
      snapshots: { prechange: null, postchange: null },
    });

    // The operator's page: the same envelope, signed with the pager webhook's secret. The pager takes
    // every webhook's `disabled`, and specs running beside this one disable webhooks of their own.
    const aboutThisWebhook = (body: Buffer) =>
      (JSON.parse(body.toString()) as { data: { webhook: { id: number } } }).data.webhook.id === id;
    const [page] = await pager.waitForRequests(
      1,
      (request) => request.path === '/pager/' && aboutThisWebhook(request.body),
      120_000,
    );
    expect(JSON.parse(page.body.toString())).toEqual(onKafka.value);
    expect(page.headers['x-hook-signature']).toBe(
      createHmac('sha512', pagerSecret).update(page.body).digest('hex'),
    );
  }, 300_000); // past its own waits (120 + 20 + 20 + 120 s), so a slow step fails naming itself
});
