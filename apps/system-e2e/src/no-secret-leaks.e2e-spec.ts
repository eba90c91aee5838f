import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { TestReceiver, testPort, uniqueName, waitFor } from '@validity/testing';

const apiUrl = process.env.SYSTEM_API_URL!;
const adminToken = process.env.SYSTEM_ADMIN_TOKEN!;
const kafkaBrokers = process.env.KAFKA_BROKERS!;
const stackLog = process.env.SYSTEM_STACK_LOG!;
/** The one topic whose purpose is to carry secrets: the dispatcher's source of full definitions. */
const SECRET_CARRYING_TOPICS = new Set(['webhook-registry.webhooks']);

async function api(method: string, path: string, body?: unknown, token = adminToken) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Every topic on the broker and every record in it, as kcat (librdkafka) reads them. */
function allTopicRecords(): Map<string, string> {
  const listing = spawnSync('kcat', ['-b', kafkaBrokers, '-L', '-J'], { encoding: 'utf8', timeout: 30_000 });
  if (listing.status !== 0) throw new Error(`kcat -L failed: ${listing.stderr}`);
  const topics = (JSON.parse(listing.stdout) as { topics: Array<{ topic: string }> }).topics
    .map(({ topic }) => topic)
    .filter((topic) => !topic.startsWith('__'));
  return new Map(
    topics.map((topic) => {
      const run = spawnSync(
        'kcat',
        ['-b', kafkaBrokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k %h %s\n'],
        { encoding: 'utf8', timeout: 60_000, maxBuffer: 512 * 1024 * 1024 },
      );
      if (run.status !== 0) throw new Error(`kcat failed on ${topic}: ${run.stderr}`);
      return [topic, run.stdout];
    }),
  );
}

describe('no secret leaks: after a full webhook scenario, no topic, log, metric or read-only answer holds a secret', () => {
  const prefix = uniqueName('secrets');
  // Distinct, unguessable strings: one per kind of secret, before and after a change.
  const secrets = {
    signingSecret: `${prefix}-signing-1`,
    headerValue: `${prefix}-header-1`,
    urlPassword: `${prefix}-password-1`,
    changedSecret: `${prefix}-signing-2`,
    changedHeaderValue: `${prefix}-header-2`,
  };
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await TestReceiver.start();
  });
  afterAll(() => receiver.close());

  it('masks secrets everywhere but in write answers and the internal topic', async () => {
    // A webhook with every kind of secret, taking events about webhooks (its own included), and a second
    // webhook that receives those events too: events about a webhook must not carry its secrets.
    const target = new URL(receiver.url);
    const secretive = await api('POST', 'extras/webhooks/', {
      name: `${prefix}-secretive`,
      content_types: ['extras.webhook'],
      type_create: true,
      type_update: true,
      type_delete: true,
      payload_url: `http://hook-user:${secrets.urlPassword}@${target.host}/secretive/`,
      additional_headers: `X-Api-Key: ${secrets.headerValue}`,
      secret: secrets.signingSecret,
    });
    expect(secretive.status).toBe(201);
    // The write token that created it sees its secrets.
    expect(secretive.text).toContain(secrets.signingSecret);
    const id = secretive.body!.id as number;
    const observer = await api('POST', 'extras/webhooks/', {
      name: `${prefix}-observer`,
      content_types: ['extras.webhook'],
      type_create: true,
      type_update: true,
      type_delete: true,
      payload_url: `${receiver.url}/observer/`,
    });
    expect(observer.status).toBe(201);
    const changed = await api('PATCH', `extras/webhooks/${id}/`, {
      secret: secrets.changedSecret,
      additional_headers: `X-Api-Key: ${secrets.changedHeaderValue}\nX-Plain: visible`,
    });
    expect(changed.status).toBe(200);

    // The receivers got the events (observer: the update of the secretive webhook), with Basic auth.
    const received = () =>
      receiver.requests
        .map((request) => `${request.path} ${request.body.toString().slice(0, 160)}`)
        .join('\n');
    const [update] = await receiver
      .waitForRequests(
        1,
        (request) =>
          request.path === '/observer/' &&
          request.body.toString().includes('"event": "updated"') &&
          request.body.toString().includes(`${prefix}-secretive`),
        60_000,
      )
      .catch((error: unknown) => {
        throw new Error(`${String(error)}; received:\n${received()}`);
      });
    expect(update.body.toString()).toContain(
      '"additional_headers": "X-Api-Key: ********\\nX-Plain: ********"',
    );
    const [own] = await receiver
      .waitForRequests(1, (request) => request.path === '/secretive/', 60_000)
      .catch(async (error: unknown) => {
        const log = await api('GET', `extras/webhook-deliveries/?webhook_id=${id}`);
        throw new Error(`${String(error)}; received:\n${received()}\ndeliveries: ${log.text}`);
      });
    expect(own.headers.authorization).toBe(
      `Basic ${Buffer.from(`hook-user:${secrets.urlPassword}`).toString('base64')}`,
    );

    // A read-only token sees the secrets masked and may not probe them through filters.
    const token = await api('POST', 'users/tokens/', {
      write_enabled: false,
      description: `${prefix}-reader`,
    });
    const readOnly = (token.body as { key: string }).key;
    const asReader = await waitFor('the registry to know the read-only token', async () => {
      const answer = await api('GET', `extras/webhooks/${id}/`, undefined, readOnly);
      return answer.status === 403 ? undefined : answer;
    });
    expect(asReader.status).toBe(200);
    expect(asReader.body).toMatchObject({
      secret: '********',
      additional_headers: 'X-Api-Key: ********\nX-Plain: ********',
      payload_url: `http://hook-user:********@${target.host}/secretive/`,
    });
    const probe = await api('GET', `extras/webhooks/?secret__isw=${prefix}`, undefined, readOnly);
    expect([probe.status, probe.body]).toEqual([
      403,
      { detail: 'Filtering or ordering on secret (secret__isw) needs a write-enabled token.' },
    ]);
    const listed = await api('GET', `extras/webhooks/?name__isw=${prefix}`, undefined, readOnly);
    const deliveries = await api('GET', `extras/webhook-deliveries/?limit=0`, undefined, readOnly);
    const deliveriesAsAdmin = await api('GET', `extras/webhook-deliveries/?limit=0`);

    await api('DELETE', `extras/webhooks/${id}/`);
    // The observer must still exist when the deletion is matched.
    await receiver.waitForRequests(
      1,
      (request) =>
        request.path === '/observer/' &&
        request.body.toString().includes('"event": "deleted"') &&
        request.body.toString().includes(`${prefix}-secretive`),
      60_000,
    );
    await api('DELETE', `extras/webhooks/${observer.body!.id as number}/`);
    await api('DELETE', `users/tokens/${(token.body as { id: number }).id}/`);

    const metrics = await fetch(`http://127.0.0.1:${testPort(28003)}/metrics`).then((response) =>
      response.text(),
    );
    const topics = allTopicRecords();
    expect(topics.get('extras.webhook.updated')).toContain(`${prefix}-secretive`);
    const places: Array<[string, string]> = [
      ['read-only webhook answer', asReader.text],
      ['read-only webhook list', listed.text],
      ['read-only delivery log', deliveries.text],
      ['delivery log', deliveriesAsAdmin.text],
      ['bodies the receivers got', receiver.requests.map((request) => request.body.toString()).join('\n')],
      ['dispatcher metrics', metrics],
      ['service logs', readFileSync(stackLog, 'utf8')],
      ...[...topics]
        .filter(([topic]) => !SECRET_CARRYING_TOPICS.has(topic))
        .map(([topic, records]): [string, string] => [`topic ${topic}`, records]),
    ];
    const leaks = places.flatMap(([place, text]) =>
      Object.entries(secrets)
        .filter(([, secret]) => text.includes(secret))
        .map(([kind]) => `${kind} in ${place}`),
    );
    expect(leaks).toEqual([]);
    // The scan can fail: the internal topic does hold them.
    expect(topics.get('webhook-registry.webhooks')).toContain(secrets.changedSecret);
  }, 240_000);
});
