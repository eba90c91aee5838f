import type { Browser, BrowserContext, Page } from 'playwright-core';
import { aWebhookBody, TestReceiver, uniqueName, waitFor } from '@validity/testing';
import {
  launchChromium,
  screenshot,
  seriousAccessibilityViolations,
  signedIn,
} from './console/console-browser';
import { adminToken, api, apiUrl, postPassingRun } from './system-clients';

const consoleUrl = apiUrl.replace(/\/api\/$/, '');

/** The element's text with whitespace collapsed, as a reader hears it. */
async function textOf(locator: { textContent(): Promise<string | null> }): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The value a definition list shows for a term. */
function valueOf(list: ReturnType<Page['getByRole']>, term: string) {
  return textOf(list.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]'));
}

/** axe-core's serious and critical findings on the page, as readable lines. */
async function accessibilityFailures(page: Page): Promise<string[]> {
  return (await seriousAccessibilityViolations(page)).map(
    (violation) =>
      `${page.url()}: ${violation.id} ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

// A real browser on a loaded 2-core machine: generous per-test limits (speed goals live in benchmarks).
jest.setTimeout(300_000);

let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let receiver: TestReceiver;
/** The receiver is gone (410) until the test brings it back. */
let gone = true;
const prefix = uniqueName('console_options');
/** Deleted at the end, so the shared stack's later events do not go to a receiver that is closed. */
const created: number[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  receiver = await TestReceiver.start({ answer: () => ({ status: gone ? 410 : 200 }) });
  admin = await signedIn(browser, consoleUrl, adminToken);
}, 180_000);

afterAll(async () => {
  for (const id of created) await api('DELETE', `extras/webhooks/${id}/`);
  await browser?.close();
  await receiver?.close();
});

describe('the console’s delivery options and recovery, in Chromium', () => {
  it('sets the delivery options in the form’s own fieldset, and recovers what a 410 failed once the webhook is enabled again', async () => {
    const { page } = admin;
    await page.goto('/extras/webhooks/add/');
    const options = page.getByRole('group', { name: 'Delivery options' });
    for (const label of [
      'Ordering',
      'Rate limit per second',
      'Client certificate path',
      'Client key path',
      'Asymmetric signature (Ed25519, v1a)',
    ])
      await expect(options.getByLabel(label).count()).resolves.toBe(1);
    await page.locator('#id_name').fill(`${prefix}-ordered`);
    // Only this spec's compliance test reaches the webhook: runs of the specs beside it (two jest workers
    // share the stack) would otherwise reach it too, and be skipped while it is disabled, and recovered.
    await page.getByLabel('Content types').selectOption('validity.compliancetest');
    await page
      .getByLabel('Conditions')
      .fill(JSON.stringify({ and: [{ attr: 'name', value: `${prefix}-ntp` }] }));
    await page.locator('#id_payload_url').fill(`${receiver.url}/ordered/`);
    await options.getByLabel('Ordering').selectOption('per_object');
    await options.getByLabel('Rate limit per second').fill('50');
    await options.getByLabel('Asymmetric signature (Ed25519, v1a)').check();
    const failures = await accessibilityFailures(page);
    await screenshot(page, 'webhook-delivery-options');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/extras\/webhooks\/\d+\/\?notice=/);
    const id = Number(/webhooks\/(\d+)\//.exec(page.url())![1]);
    created.push(id);

    // Stored through the API as the form said, and shown on the webhook's page.
    expect((await api('GET', `extras/webhooks/${id}/`)).body).toMatchObject({
      content_types: ['validity.compliancetest'],
      conditions: { and: [{ attr: 'name', value: `${prefix}-ntp` }] },
      ordering: 'per_object',
      rate_limit_per_second: 50,
      client_cert_path: null,
      asymmetric_signature: true,
    });
    const card = page.getByRole('region', { name: 'Delivery options' });
    expect(await valueOf(card, 'Ordering')).toBe('per_object');
    expect(await valueOf(card, 'Rate limit')).toBe('50 per second');
    const publicKey = (await api('GET', `extras/webhook-deliveries/signing-keys/${id}/`)).body.public_key;
    expect(await valueOf(card, 'Signature scheme')).toBe(
      `v1 (HMAC) and v1a (Ed25519) public key ${String(publicKey)}`,
    );

    // A run reaches the gone receiver: the system disables the webhook, the page says why.
    await postPassingRun(prefix);
    const [refused] = await receiver.waitForRequests(1, (request) => request.path === '/ordered/', 120_000);
    await waitFor(
      'the webhook disabled',
      async () => ((await api('GET', `extras/webhooks/${id}/`)).body.enabled === false ? true : undefined),
      120_000,
    );
    await page.goto(`/extras/webhooks/${id}/`);
    expect(await valueOf(card, 'Disabled by the system')).toBe('the receiver answered 410 Gone');

    // The receiver is back; enable, then recover from the page's form.
    gone = false;
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.waitForURL(/\?notice=Enabled/);
    const since = new Date(Date.now() - 15 * 60 * 1000).toISOString().slice(0, 16);
    const recover = page.getByRole('region', { name: 'Recover' });
    failures.push(...(await accessibilityFailures(page)));
    // The dispatcher learns of the enable from Kafka a moment after the registry: until then it refuses
    // (409), and the form shows the API's message.
    await waitFor(
      'the recover form accepted',
      async () => {
        await recover.getByLabel('Failed since (UTC)').fill(since);
        await recover.getByRole('button', { name: 'Recover' }).click();
        await page.waitForLoadState();
        if (page.url().includes('notice=')) return true;
        expect(await textOf(page.getByRole('alert'))).toContain(
          'Enable the webhook before recovering its deliveries.',
        );
        failures.push(...(await accessibilityFailures(page)));
        await page.goto(`/extras/webhooks/${id}/`);
        return undefined;
      },
      120_000,
    );
    expect(decodeURIComponent(page.url())).toContain('notice=Recovered 1 delivery');
    // The recovered delivery goes out again under the webhook-id it was refused with.
    const [replayed] = await receiver.waitForRequests(
      1,
      (request) =>
        request !== refused &&
        request.path === '/ordered/' &&
        request.headers['webhook-id'] === refused.headers['webhook-id'],
      120_000,
    );
    expect(replayed.headers['webhook-signature']).toMatch(/v1a,/);
    expect(failures).toEqual([]);
  });

  it('names the field when the recover form is sent without a time', async () => {
    const { page } = admin;
    const blank = await api(
      'POST',
      'extras/webhooks/',
      aWebhookBody({ name: `${prefix}-blank`, payload_url: `${receiver.url}/blank/` }),
    );
    expect(blank.status).toBe(201);
    created.push(blank.body.id as number);
    await page.goto(`/extras/webhooks/${blank.body.id}/`);
    const recover = page.getByRole('region', { name: 'Recover' });
    await recover.getByLabel('Failed since (UTC)').fill('');
    await recover.getByRole('button', { name: 'Recover' }).click();
    await page.waitForLoadState();
    expect(await textOf(page.locator('#id_since_errors'))).toBe('This field is required.');
    expect(await accessibilityFailures(page)).toEqual([]);
  });
});
