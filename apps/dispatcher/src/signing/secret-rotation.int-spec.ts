import { Webhook } from 'standardwebhooks';
import {
  aWebhookDefinition,
  testInfrastructure,
  TestReceiver,
  uniqueName,
  waitFor,
  type ReceivedRequest,
} from '@validity/testing';
import { startTestService, testServiceConfig } from '@validity/service-testing';
import { DispatcherUnderTest } from '../testing/dispatcher-under-test';

const TEST_KIT = { testInfrastructure, uniqueName, waitFor, testServiceConfig, startTestService };

const verifierFor = (secret: string) =>
  new Webhook(`whsec_${Buffer.from(secret, 'utf8').toString('base64')}`);
/** Whether a Standard Webhooks receiver holding `secret` accepts the request. */
const verifies = (secret: string, request: ReceivedRequest) => {
  try {
    verifierFor(secret).verify(request.body, request.headers);
    return true;
  } catch {
    return false;
  }
};

/**
 * Issue 18 item 1 against a real receiver verifying with the `standardwebhooks` package: during the
 * overlap both the old and the new secret verify, a retry scheduled before the rotation is signed with
 * the secrets current when it goes out, and after the overlap only the new secret verifies.
 */
describe('deliveries across a secret rotation', () => {
  let dispatcher: DispatcherUnderTest;
  let rotated = false;
  let receiver: TestReceiver;
  const id = 9_001;

  beforeAll(async () => {
    dispatcher = await DispatcherUnderTest.start(TEST_KIT, { retryScheduleSeconds: [1, 1, 1, 1, 1] });
    // Fails until the rotation is in the dispatcher's view, so the retry is the one that succeeds.
    receiver = await TestReceiver.start({ answer: () => ({ status: rotated ? 200 : 500 }) });
  });
  afterAll(async () => {
    await dispatcher.close();
    await receiver.close();
  });

  it('signs with both secrets during the overlap, including a retry of an earlier failure', async () => {
    const before = aWebhookDefinition(id, `${receiver.url}/rotating`, { secret: 'old-secret' });
    await dispatcher.register(before);
    await dispatcher.publishReports(1);
    const [failed] = await receiver.waitForRequests(1);
    expect(verifies('old-secret', failed)).toBe(true);
    expect(verifies('new-secret', failed)).toBe(false);

    const overlapEnds = new Date(Date.now() + 3_600_000).toISOString();
    await dispatcher.register({
      ...before,
      secret: 'new-secret',
      previous_secret: 'old-secret',
      previous_secret_expires: overlapEnds,
    });
    rotated = true;
    const seenAt = receiver.requests.length;
    const [retry] = (await receiver.waitForRequests(seenAt + 1)).slice(seenAt);
    expect(retry.headers['webhook-id']).toBe(failed.headers['webhook-id']);
    expect(retry.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifies('new-secret', retry)).toBe(true);
    expect(verifies('old-secret', retry)).toBe(true);
  });

  it('signs with the new secret only once the overlap is over', async () => {
    await dispatcher.register(
      aWebhookDefinition(id, `${receiver.url}/rotating`, {
        secret: 'new-secret',
        previous_secret: 'old-secret',
        previous_secret_expires: new Date(Date.now() - 1000).toISOString(),
      }),
    );
    const seenAt = receiver.requests.length;
    await dispatcher.publishReports(2);
    const [request] = (await receiver.waitForRequests(seenAt + 1)).slice(seenAt);
    expect(verifies('new-secret', request)).toBe(true);
    expect(verifies('old-secret', request)).toBe(false);
  });
});
