import { startTestService, testServiceConfig } from '@validity/service-testing';
import {
  aWebhookDefinition,
  testInfrastructure,
  TestReceiver,
  uniqueName,
  waitFor,
  type Answer,
} from '@validity/testing';
import { DispatcherUnderTest } from '../testing/dispatcher-under-test';
import { DeliveryEngine } from './worker/delivery-engine';

const TEST_KIT = { testInfrastructure, uniqueName, waitFor, testServiceConfig, startTestService };

/**
 * A webhook deleted while one of its attempts is in flight: once that attempt ends, the dispatcher keeps
 * nothing of it, neither its lane and circuit nor its claim-ahead queue nor its metric series. Webhooks
 * come and go for the life of the process (the bench's fanout makes 10,000), so what each leaves adds up.
 */
describe('a webhook deleted mid-attempt', () => {
  let dispatcher: DispatcherUnderTest;
  let receiver: TestReceiver;
  let answerHeld: (() => void) | undefined;

  beforeAll(async () => {
    receiver = await TestReceiver.start({
      answer: (): Promise<Answer> => new Promise((resolve) => (answerHeld = () => resolve({ status: 204 }))),
    });
    dispatcher = await DispatcherUnderTest.start(TEST_KIT);
  });

  afterAll(async () => {
    answerHeld?.();
    await dispatcher.close();
    await receiver.close();
  });

  async function metricsText(): Promise<string> {
    return (await fetch(`${dispatcher.service.url}/metrics`)).text();
  }

  it('leaves no lane, queue or metric series behind once the attempt ends', async () => {
    const engine = dispatcher.service.app.get(DeliveryEngine, { strict: false });
    await dispatcher.register(
      aWebhookDefinition(31, `${receiver.url}/hook`, { name: 'deleted-mid-attempt' }),
    );
    await dispatcher.publishReports(1);
    await receiver.waitForRequests(1);
    expect(engine.holdsStateOf(31)).toBe(true);

    await dispatcher.unregister(31);
    // The attempt is still in flight: its slot is taken, so its lane stays for now.
    expect(engine.holdsStateOf(31)).toBe(true);
    answerHeld?.();

    await waitFor('the engine to forget the webhook', () => (engine.holdsStateOf(31) ? undefined : true));
    await waitFor('the metric series gone', async () =>
      (await metricsText()).includes('webhook_id="31"') ? undefined : true,
    );
    expect(receiver.requests).toHaveLength(1);
  });
});
