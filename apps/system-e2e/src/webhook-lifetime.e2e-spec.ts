import { aWebhookBody, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import { api } from './system-clients';

interface WebhookEventBody {
  event: string;
  data: { id: number; name: string };
}

/**
 * NetBox picks a change's webhooks when the change is saved: a webhook gets the events of changes made
 * from its own creation on (its own creation included, as NetBox sends it), never those of earlier
 * changes, however late the dispatcher reads them.
 */
describe('the events a new webhook gets', () => {
  let receiver: TestReceiver;
  const prefix = uniqueName('lifetime');
  /** Deleted at the end, so the shared stack's later events do not go to a closed receiver. */
  const created: number[] = [];

  const createWebhook = async (name: string, overrides: Record<string, unknown> = {}) => {
    const response = await api('POST', 'extras/webhooks/', aWebhookBody({ name, ...overrides }));
    expect(response.status).toBe(201);
    created.push(response.body.id as number);
    return response.body.id as number;
  };

  const namesReceived = () =>
    receiver.requests
      .map((request) => JSON.parse(request.body.toString()) as WebhookEventBody)
      .filter((body) => body.event === 'created' && body.data.name.startsWith(prefix))
      .map((body) => body.data.name);

  beforeAll(async () => {
    receiver = await TestReceiver.start();
  });
  afterAll(async () => {
    for (const id of created) await api('DELETE', `extras/webhooks/${id}/`);
    await receiver.close();
  });

  it('gets its own creation and later ones, not those saved before it', async () => {
    await createWebhook(`${prefix}-before`);
    await createWebhook(`${prefix}-watcher`, {
      content_types: ['extras.webhook'],
      payload_url: `${receiver.url}/watcher/`,
    });
    await createWebhook(`${prefix}-after`);

    await waitFor('the watcher’s own creation and the later one', () =>
      namesReceived().length >= 2 ? true : undefined,
    );
    // Had the earlier creation been matched, it would have been stored with the watcher's own, when
    // the topic was resumed for it; a marker created now gives it the time to arrive.
    await createWebhook(`${prefix}-marker`);
    await waitFor('the marker', () => (namesReceived().includes(`${prefix}-marker`) ? true : undefined));
    expect(namesReceived().sort()).toEqual([`${prefix}-after`, `${prefix}-marker`, `${prefix}-watcher`]);
  });
});
