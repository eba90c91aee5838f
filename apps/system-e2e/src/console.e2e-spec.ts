import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  aComplianceRun,
  aComplianceTest,
  aWebhookBody,
  type ReceivedRequest,
  TestReceiver,
  uniqueName,
  waitFor,
} from '@validity/testing';
import {
  launchChromium,
  PHONE,
  screenshot,
  seriousAccessibilityViolations,
  signedIn,
} from './console/console-browser';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const consoleUrl = apiUrl.replace(/\/api\/$/, '');

async function api(method: string, path: string, body?: unknown, token = adminToken) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // Test code reads deep into NetBox bodies; a failed lookup fails the test anyway.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}

async function webhooksNamed(name: string): Promise<number> {
  return (await api('GET', `extras/webhooks/?name=${encodeURIComponent(name)}`)).body.count as number;
}

/** A compliance run through the API, as a Validity runner posts it. */
async function postRun(prefix: string) {
  const test = await api(
    'POST',
    'plugins/validity/tests/',
    aComplianceTest({ name: `${prefix}-ntp`, severity: 'HIGH' }),
  );
  expect(test.status).toBe(201);
  const run = await api(
    'POST',
    'plugins/validity/reports/',
    aComplianceRun(test.body.id as number, [{}, { passed: false, explanation: [['ntp', null]] }], prefix),
  );
  expect(run.status).toBe(201);
  return run.body;
}

/** Fills and submits the console's webhook form. */
async function createWebhookThroughForm(
  page: Page,
  name: string,
  url: string,
  secret: string,
): Promise<number> {
  await page.goto('/extras/webhooks/add/');
  await page.locator('#id_name').fill(name);
  await page.getByLabel('Content types').selectOption('validity.compliancereport');
  await page.locator('#id_payload_url').fill(url);
  await page.getByLabel('Secret').fill(secret);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/extras\/webhooks\/\d+\/\?notice=/);
  return Number(/webhooks\/(\d+)\//.exec(page.url())![1]);
}

/** The element's text with whitespace collapsed, as a reader hears it. */
async function textOf(locator: { textContent(): Promise<string | null> }): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

// A real browser on a loaded 2-core machine: generous per-test limits (speed goals live in benchmarks).
jest.setTimeout(240_000);

let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let receiver: TestReceiver;
const prefix = uniqueName('console');

beforeAll(async () => {
  browser = await launchChromium();
  receiver = await TestReceiver.start({
    // `/flaky/` fails once, then recovers; `/attack/` serves another origin's page; the rest succeed.
    answer: (request, _index) => {
      if (request.path.startsWith('/attack/')) {
        return {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
          body: attackPage(request.path.slice('/attack/'.length)),
        };
      }
      if (request.path.startsWith('/flaky/')) {
        const earlier = receiver.requests.filter((seen) => seen.path.startsWith('/flaky/')).length;
        return earlier === 1 ? { status: 500, body: 'receiver down for maintenance' } : { status: 200 };
      }
      return { status: 200 };
    },
  });
  admin = await signedIn(browser, consoleUrl, adminToken);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

/** A page of another origin that posts a webhook form to the console as soon as it loads. */
function attackPage(name: string): string {
  return `<!DOCTYPE html><html><body><form id="f" method="post" action="${consoleUrl}/extras/webhooks/add/">
<input name="name" value="${name}"><input name="content_types" value="validity.compliancereport">
<input name="type_create" value="true"><input name="payload_url" value="http://127.0.0.1:1/">
<input name="http_method" value="POST"></form><script>document.getElementById('f').submit()</script></body></html>`;
}

describe('the web console in Chromium', () => {
  it('the Validity documentation scenario: sign in, create sample_webhook in the form, a run appears live, its attempts open', async () => {
    const { page } = admin;
    const name = `${prefix}-sample_webhook`;
    const id = await createWebhookThroughForm(
      page,
      name,
      `${receiver.url}/api/webhook/${prefix}/`,
      'validity-docs-secret',
    );
    await screenshot(page, 'webhook');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    expect(await page.content()).not.toContain('validity-docs-secret');

    await page.goto(`/extras/webhook-deliveries/?webhook_id=${id}`);
    expect(await page.locator('#delivery-rows a').count()).toBe(0);
    const report = await postRun(prefix);
    // The row arrives over server-sent events: the page is not reloaded.
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const row = page.locator('#delivery-rows a').first();
    await row.waitFor({ timeout: 90_000 });
    await waitFor(
      'the delivery to show as delivered',
      async () => (await textOf(page.locator('#delivery-rows'))).includes('Delivered') || undefined,
      90_000,
    );
    expect(navigations).toEqual([]);
    await screenshot(page, 'deliveries');

    await row.click();
    await page.getByRole('heading', { name: /Attempt 1/ }).waitFor();
    expect(await textOf(page.locator('.timeline'))).toContain('HTTP 200');
    await screenshot(page, 'delivery');
    expect(
      receiver.requests.some(
        (request) =>
          request.path === `/api/webhook/${prefix}/` && request.body.includes(`"id": ${report.id}`),
      ),
    ).toBe(true);
  });

  it('a failing receiver: the failed attempt and its reason show, redeliver after it recovers, replay by filter after the preview', async () => {
    const { page } = admin;
    const id = await createWebhookThroughForm(
      page,
      `${prefix}-flaky`,
      `${receiver.url}/flaky/${prefix}/`,
      's3cret-flaky',
    );
    await postRun(`${prefix}-f`);
    const flaky = (request: { path: string }) => request.path.startsWith('/flaky/');
    // First attempt 500, the retry (about 5 s later) succeeds: the receiver recovered.
    const [failed] = await receiver.waitForRequests(2, flaky, 90_000);
    // Runs of specs beside this one reach this webhook too: the delivery that failed is the one whose
    // `webhook-id` the 500 was answered to, not the newest delivered one (CI saw that one delivered first time).
    const delivery = await waitFor(
      'the delivery that failed to be delivered',
      async () => {
        const list = await api(
          'GET',
          `extras/webhook-deliveries/?webhook_id=${id}&message_id=${failed.headers['webhook-id']}`,
        );
        const mine = list.body.results[0];
        return mine?.status.value === 'delivered' ? mine : undefined;
      },
      90_000,
    );
    await page.goto(`/extras/webhook-deliveries/${delivery.id}/`);
    const timeline = await textOf(page.locator('.timeline'));
    expect(timeline).toContain('HTTP 500');
    expect(timeline).toContain('receiver down for maintenance');
    expect(timeline).toContain('HTTP 200');

    const sameMessage = (request: ReceivedRequest) =>
      request.headers['webhook-id'] === failed.headers['webhook-id'];
    await page.getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText('Redelivery scheduled.').waitFor();
    // The 500, the retry and now the redelivery, all under one webhook-id.
    await receiver.waitForRequests(3, sameMessage, 90_000);

    // Other specs run beside this one and their runs reach this webhook too: the filter names its delivery.
    await page.goto(`/extras/webhook-deliveries/replay/?webhook_id=${id}&id=${delivery.id}`);
    await waitFor(
      'the redelivery to finish',
      async () => {
        await page.reload();
        return (
          ((await page.locator('#replay-preview').count()) > 0 &&
            (await page.getByRole('button', { name: 'Replay 1 delivery' }).count()) > 0) ||
          undefined
        );
      },
      90_000,
    );
    expect(await textOf(page.locator('#replay-preview'))).toContain('send 1 delivery again');
    await screenshot(page, 'replay');
    await page.getByRole('button', { name: 'Replay 1 delivery' }).click();
    await page.getByText('Replaying 1 delivery.').waitFor();
    // A replay, like a redelivery, keeps the webhook-id (a receiver that already has it may drop it).
    await receiver.waitForRequests(4, sameMessage, 90_000);
  });

  it('sends a test event from the webhook page: the attempt shows the request sent with every secret masked, and the page shows the circuit', async () => {
    const { page } = admin;
    const secrets = {
      secret: `${prefix}-signing-secret`,
      header: `${prefix}-header-secret`,
      password: `${prefix}-url-password`,
    };
    const hook = await api(
      'POST',
      'extras/webhooks/',
      aWebhookBody({
        name: `${prefix}-test-event`,
        payload_url: `${receiver.url.replace('://', `://robot:${secrets.password}@`)}/test-event/${prefix}/`,
        additional_headers: `X-Api-Key: ${secrets.header}`,
        secret: secrets.secret,
      }),
    );
    expect(hook.status).toBe(201);
    const leaks = (text: string) =>
      [...Object.values(secrets), Buffer.from(`robot:${secrets.password}`).toString('base64')].filter(
        (secret) => text.includes(secret),
      );

    await page.goto(`/extras/webhooks/${hook.body.id}/`);
    expect(leaks(await page.content())).toEqual([]);
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.waitForURL(/\/extras\/webhook-deliveries\/\d+\/\?notice=/);
    await page.getByText('Test event sent.').waitFor();
    await waitFor(
      'the test event to be delivered',
      async () => {
        await page.reload();
        return (await textOf(page.locator('#main'))).includes('HTTP 200') || undefined;
      },
      90_000,
    );
    const timeline = await textOf(page.locator('.timeline'));
    for (const line of ['X-Api-Key: ********', 'Authorization: ********', 'X-Hook-Signature: ********'])
      expect(timeline).toContain(line);
    expect(timeline).toContain('"model": "compliancereport"');
    expect(leaks(await page.content())).toEqual([]);
    await screenshot(page, 'test-event');
    // The receiver got the real request, secrets and all: only the log masks them.
    const [received] = receiver.requests.filter((request) => request.path === `/test-event/${prefix}/`);
    expect(received.headers['x-api-key']).toBe(secrets.header);
    const delivery = await api('GET', `extras/webhook-deliveries/?webhook_id=${hook.body.id}`);
    const detail = await api('GET', `extras/webhook-deliveries/${delivery.body.results[0].id}/`);
    expect(leaks(JSON.stringify(detail.body))).toEqual([]);

    // The dispatcher sent to it, so it reports the webhook's circuit breaker: closed after a success.
    await page.goto(`/extras/webhooks/${hook.body.id}/`);
    expect(await textOf(page.locator('#circuit'))).toMatch(/^Closed/);

    // The edit form shows them masked too; saving it unchanged keeps the stored values.
    await page.goto(`/extras/webhooks/${hook.body.id}/edit/`);
    expect(leaks(await page.content())).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\?notice=Saved/);
    const saved = await api('GET', `extras/webhooks/${hook.body.id}/`);
    expect([saved.body.payload_url, saved.body.additional_headers]).toEqual([
      hook.body.payload_url,
      hook.body.additional_headers,
    ]);
  });

  it("bad input in every form gets NetBox's message under the field and nothing is stored", async () => {
    const { page } = admin;
    await page.goto('/extras/webhooks/add/');
    await page.getByLabel('Body template').fill('{{ data.__class__ }}');
    await page.getByLabel('Conditions').fill('{"attr": "data.x", "value": 1, "op": "bogus"}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#id_name_errors').waitFor();
    // The API's own (DRF's) messages, shown under each field.
    expect(await textOf(page.locator('#id_name_errors'))).toContain('This field may not be blank.');
    expect(await textOf(page.locator('#id_payload_url_errors'))).toContain('This field may not be blank.');
    await screenshot(page, 'webhook-form-errors');
    expect(await page.locator('#id_name').getAttribute('aria-invalid')).toBe('true');

    const bad = `${prefix}-bad`;
    await page.locator('#id_name').fill(bad);
    await page.getByLabel('Content types').selectOption('validity.compliancereport');
    await page.locator('#id_payload_url').fill(`http://127.0.0.1:1/${prefix}/bad/`);
    await page.getByLabel('Body template').fill('{{ data.__class__ }}');
    await page.getByLabel('Conditions').fill('{not json');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await textOf(page.locator('#id_conditions_errors'))).toContain('Enter a valid JSON.');
    await page.getByLabel('Conditions').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#id_body_template_errors').waitFor();
    expect(await textOf(page.locator('#id_body_template_errors'))).toContain('names a private member');
    expect(await webhooksNamed(bad)).toBe(0);

    await page.goto('/plugins/validity/tests/add/');
    await page.getByRole('button', { name: 'Save' }).click();
    for (const field of ['name', 'description', 'expression']) {
      expect(await textOf(page.locator(`#id_${field}_errors`))).toContain('This field may not be blank.');
    }

    await page.goto('/users/tokens/add/');
    await page.getByLabel('Expires').fill('not a date');
    await page.getByLabel('Description').fill(`${prefix}-bad-token`);
    await page.getByRole('button', { name: 'Create' }).click();
    expect(await textOf(page.locator('#id_expires_errors'))).toMatch(/Datetime has wrong format/);
    expect((await api('GET', `users/tokens/?description=${prefix}-bad-token`)).body.count).toBe(0);
  });

  it('a read-only token gets a read-only console: no buttons that change anything, and a forged POST is refused', async () => {
    const token = await api('POST', 'users/tokens/', { write_enabled: false, description: `${prefix}-ro` });
    expect(token.status).toBe(201);
    const reader = await signedIn(browser, consoleUrl, token.body.key as string);
    try {
      const { page } = reader;
      await page.goto('/extras/webhooks/');
      expect(await page.getByRole('link', { name: 'Add' }).count()).toBe(0);
      const hook = (await api('GET', `extras/webhooks/?name=${prefix}-flaky`)).body.results[0];
      await page.goto(`/extras/webhooks/${hook.id}/`);
      for (const label of ['Edit', 'Delete', 'Disable'])
        expect(
          await page
            .getByRole('button', { name: label })
            .or(page.getByRole('link', { name: label }))
            .count(),
        ).toBe(0);
      const csrf = await page.locator('input[name=csrfmiddlewaretoken]').first().inputValue();
      const forged = await page.evaluate(async (csrfToken) => {
        const response = await fetch('/extras/webhooks/add/', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            csrfmiddlewaretoken: csrfToken,
            name: 'forged',
            content_types: 'validity.compliancereport',
            payload_url: 'http://127.0.0.1:1/',
            http_method: 'POST',
          }).toString(),
        });
        return response.status;
      }, csrf);
      expect(forged).toBe(403);
      expect(await webhooksNamed('forged')).toBe(0);
    } finally {
      await reader.context.close();
      // The tier shares one stack: leave no read-only token behind for other specs' token filters.
      await api('DELETE', `users/tokens/${token.body.id}/`);
    }
  });

  it('a cross-site form post is refused (CSRF) and stores nothing', async () => {
    const context = await browser.newContext();
    // The same signed-in session cookie, in a browser that then visits another origin's page.
    await context.addCookies(await admin.context.cookies());
    const page = await context.newPage();
    const name = `${prefix}-csrf`;
    await page.goto(`${receiver.url}/attack/${name}`);
    await page.waitForURL(`${consoleUrl}/extras/webhooks/add/`);
    expect(await textOf(page.locator('body'))).toContain('CSRF verification failed');
    expect(await webhooksNamed(name)).toBe(0);
    await context.close();
  });

  it('every page passes axe-core without serious or critical violations', async () => {
    const { page } = admin;
    const hook = (await api('GET', `extras/webhooks/?name=${prefix}-flaky`)).body.results[0];
    const delivery = (await api('GET', `extras/webhook-deliveries/?webhook_id=${hook.id}`)).body.results[0];
    const report = (await api('GET', 'plugins/validity/reports/?limit=1')).body.results[0];
    const test = (await api('GET', 'plugins/validity/tests/?limit=1')).body.results[0];
    const pages: Array<[string, string]> = [
      ['/', 'overview'],
      ['/extras/webhooks/', 'webhooks'],
      ['/extras/webhooks/add/', 'webhook-add'],
      [`/extras/webhooks/${hook.id}/`, 'webhook'],
      [`/extras/webhooks/${hook.id}/edit/`, 'webhook-edit'],
      ['/extras/webhook-deliveries/', 'deliveries'],
      [`/extras/webhook-deliveries/${delivery.id}/`, 'delivery'],
      [`/extras/webhook-deliveries/replay/?webhook_id=${hook.id}`, 'replay'],
      ['/plugins/validity/tests/', 'tests'],
      ['/plugins/validity/tests/add/', 'test-add'],
      ['/plugins/validity/reports/', 'reports'],
      [`/plugins/validity/reports/${report.id}/`, 'report'],
      ['/plugins/validity/results/', 'results'],
      ['/users/tokens/', 'tokens'],
      ['/users/tokens/add/', 'token-add'],
      [`/extras/webhooks/${hook.id}/delete/`, 'webhook-delete'],
      [`/plugins/validity/tests/${test.id}/edit/`, 'test-edit'],
      [`/plugins/validity/tests/${test.id}/delete/`, 'test-delete'],
      ['/extras/no-such-page/', 'not-found'],
    ];
    // The check can fail: axe finds a critical violation on a page made to have one.
    const probe = await browser.newPage();
    await probe.setContent('<html><body><img src="data:,"></body></html>');
    expect((await seriousAccessibilityViolations(probe)).map((violation) => violation.id)).toContain(
      'image-alt',
    );
    await probe.close();

    const failures: string[] = [];
    for (const [path, name] of pages) {
      await page.goto(path);
      for (const violation of await seriousAccessibilityViolations(page)) {
        failures.push(
          `${path}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
      }
      if (['overview', 'webhooks', 'reports', 'report', 'tests', 'tokens', 'results'].includes(name))
        await screenshot(page, name);
    }
    const signIn = await browser.newContext({ baseURL: consoleUrl });
    const signInPage = await signIn.newPage();
    await signInPage.goto('/login/');
    failures.push(
      ...(await seriousAccessibilityViolations(signInPage)).map((violation) => `/login/: ${violation.id}`),
    );
    await screenshot(signInPage, 'sign-in');
    await signIn.close();
    expect(failures).toEqual([]);
  }, 300_000);

  it('works by keyboard alone and fits a 390-px phone without sideways scrolling', async () => {
    const { page } = admin;
    const hook = (await api('GET', `extras/webhooks/?name=${prefix}-flaky`)).body.results[0];
    const delivery = (await api('GET', `extras/webhook-deliveries/?webhook_id=${hook.id}`)).body.results[0];
    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.goto('/extras/webhooks/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe(
      'Skip to main content',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('main');

    // A 390-px phone: no page scrolls sideways.
    await page.setViewportSize(PHONE);
    for (const path of [
      '/',
      '/extras/webhooks/',
      `/extras/webhooks/${hook.id}/`,
      '/extras/webhook-deliveries/',
      `/extras/webhook-deliveries/${delivery.id}/`,
    ]) {
      await page.goto(path);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect([path, width]).toEqual([path, PHONE.width]);
    }
    await screenshot(page, 'phone-delivery');
  });
});
