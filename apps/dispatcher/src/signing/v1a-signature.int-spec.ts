import { spawnSync } from 'node:child_process';
import { logLevel } from 'kafkajs';
import { encodeEnvelope, encodeWebhookDefinition, WEBHOOK_DEFINITIONS_TOPIC } from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import {
  aWebhookDefinition,
  testInfrastructure,
  TestReceiver,
  uniqueName,
  waitFor,
  type ReceivedRequest,
} from '@validity/testing';
import { AppModule } from '../app.module';
import type { DispatcherConfig } from '../config';
import { WebhookView } from '../webhook-view/webhook-view';

const kafka = createKafka(testInfrastructure().kafka, 'v1a-spec', { logLevel: logLevel.NOTHING });
const EVENTS = 12;

/**
 * Verifies Standard Webhooks `v1a` signatures with Python's `cryptography` (OpenSSL underneath), an
 * implementation independent of Node's: prints, per request, whether one `v1a` signature verifies.
 */
const PYTHON_VERIFIER = `
import base64, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.exceptions import InvalidSignature
given = json.load(sys.stdin)
key = Ed25519PublicKey.from_public_bytes(base64.b64decode(given["public_key"].removeprefix("whpk_")))
results = []
for request in given["requests"]:
    content = (request["id"] + "." + request["timestamp"] + ".").encode() + base64.b64decode(request["body"])
    ok = False
    for signature in request["signature"].split(" "):
        version, _, value = signature.partition(",")
        if version != "v1a":
            continue
        try:
            key.verify(base64.b64decode(value), content)
            ok = True
        except InvalidSignature:
            pass
    results.append(ok)
print(json.dumps(results))
`;

function verifiedByPython(publicKey: string, requests: readonly ReceivedRequest[]): boolean[] {
  const result = spawnSync('python3', ['-c', PYTHON_VERIFIER], {
    input: JSON.stringify({
      public_key: publicKey,
      requests: requests.map((request) => ({
        id: request.headers['webhook-id'],
        timestamp: request.headers['webhook-timestamp'],
        signature: request.headers['webhook-signature'] ?? '',
        body: request.body.toString('base64'),
      })),
    }),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the Python verifier failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as boolean[];
}

describe('Ed25519 signatures (Standard Webhooks v1a), two dispatcher instances', () => {
  const topics = {
    events: [uniqueName('v1a_events')],
    webhookDefinitions: uniqueName('v1a_webhooks'),
    deadLetter: uniqueName('v1a_dead_letters'),
  };
  const config: DispatcherConfig = {
    ...testServiceConfig('dispatcher'),
    consumerGroup: uniqueName('dispatcher_v1a'),
    topics,
    delivery: {
      retryScheduleSeconds: [1],
      blockPrivateAddresses: false,
      concurrency: 20,
      concurrencyPerWebhook: 5,
      logRetentionDays: 30,
    },
  };
  let instances: TestService[] = [];
  let producer: EventProducer;
  let receiver: TestReceiver;
  const registry = new InternalRecordAuthenticator(testInfrastructure().internalTopicHmacKey);

  beforeAll(async () => {
    await ensureTopics(testInfrastructure().kafka, [
      { name: topics.events[0], partitions: 3, cleanupPolicy: 'delete', producer: 'reports', public: true },
      {
        name: topics.webhookDefinitions,
        partitions: 1,
        cleanupPolicy: 'compact',
        producer: 'webhook-registry',
        public: false,
      },
    ]);
    producer = await EventProducer.connect(kafka);
    receiver = await TestReceiver.start();
    const definitions = [
      aWebhookDefinition(1, `${receiver.url}/signed`, { secret: 'shared', asymmetric_signature: true }),
      aWebhookDefinition(2, `${receiver.url}/plain`, { secret: 'shared' }),
    ];
    await producer.send(
      topics.webhookDefinitions,
      definitions.map((definition) =>
        registry.sign(WEBHOOK_DEFINITIONS_TOPIC, encodeWebhookDefinition(definition).message),
      ),
    );
    instances = await Promise.all([
      startTestService(AppModule.register(config), config),
      startTestService(AppModule.register(config), config),
    ]);
    for (const instance of instances) {
      const view = instance.app.get(WebhookView, { strict: false });
      await waitFor('both webhooks in the view', () => (view.get(1) && view.get(2) ? true : undefined));
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await producer.disconnect();
    await receiver.close();
  });

  const signingKey = async (instance: TestService, webhookId: number) => {
    const response = await fetch(`${instance.url}/api/extras/webhook-deliveries/signing-keys/${webhookId}/`, {
      headers: { Authorization: instance.auth },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('serves one public key per webhook from every instance, never a private one', async () => {
    const [first, second] = await Promise.all(instances.map((instance) => signingKey(instance, 1)));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      webhook_id: 1,
      algorithm: 'ed25519',
      signature_version: 'v1a',
      public_key: expect.stringMatching(/^whpk_[A-Za-z0-9+/]{43}=$/),
      created: expect.any(String),
    });
    expect(second.body.public_key).toBe(first.body.public_key);
    expect((await signingKey(instances[0], 2)).status).toBe(404);
    expect((await signingKey(instances[0], 99)).status).toBe(404);
  });

  it('signs every delivery v1a beside v1, and Python’s cryptography verifies each with the public key', async () => {
    const messages = Array.from(
      { length: EVENTS },
      (_, index) =>
        encodeEnvelope(
          {
            event: 'created',
            timestamp: '2024-01-10T08:15:02.401177+00:00',
            model: 'compliancereport',
            username: 'admin',
            request_id: null,
            data: { id: index + 1, display: `réport ${index + 1}` },
            snapshots: { prechange: null, postchange: null },
          },
          { objectType: 'validity.compliancereport', objectId: index + 1 },
        ).message,
    );
    await producer.send(topics.events[0], messages);
    await receiver.waitForRequests(2 * EVENTS);
    const { public_key: publicKey } = (await signingKey(instances[1], 1)).body as { public_key: string };

    const signed = receiver.requests.filter((request) => request.path === '/signed');
    const plain = receiver.requests.filter((request) => request.path === '/plain');
    expect(signed.length).toBeGreaterThanOrEqual(EVENTS);
    for (const request of signed) expect(request.headers['webhook-signature']).toMatch(/^v1,\S+ v1a,\S+$/);
    expect(verifiedByPython(publicKey, signed).every(Boolean)).toBe(true);
    // A tampered body fails, so the check above can fail.
    const tampered = { ...signed[0], body: Buffer.concat([signed[0].body, Buffer.from(' ')]) };
    expect(verifiedByPython(publicKey, [tampered])).toEqual([false]);
    for (const request of plain) expect(request.headers['webhook-signature']).toMatch(/^v1,\S+$/);
  });
});
