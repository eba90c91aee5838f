import { randomInt } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { encodeApiTokenRecord, TOKENS_TOPIC, type OutgoingKafkaMessage } from '@validity/contracts';
import { generateTokenKey, hashTokenKey } from '@validity/platform/auth';
import { createKafka, EventProducer, InternalRecordAuthenticator } from '@validity/platform/kafka';
import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { testInfrastructure, waitFor } from '@validity/testing';
import { AppModule } from './app.module';
import { reportsTestConfig } from './test-support/reports-test-config';

/** An admin write token record, as whoever can produce to `users.tokens` could write one. */
function adminTokenRecord(key: string): OutgoingKafkaMessage {
  const id = randomInt(1_000_000, 2_000_000_000); // far from the gateway's ids: the topic is shared
  return {
    key: String(id),
    value: encodeApiTokenRecord({
      id,
      user: { id: 1, username: 'admin' },
      key_sha256: hashTokenKey(key),
      write_enabled: true,
      expires: null,
    }),
    headers: {},
  };
}

describe('a service facing records forged onto users.tokens', () => {
  const { kafka: connection, internalTopicHmacKey } = testInfrastructure();
  let service: TestService;
  let producer: EventProducer;

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'));
    service = await startTestService(AppModule.register(config), config);
    producer = await EventProducer.connect(
      createKafka(connection, 'forged-token-spec', { logLevel: logLevel.NOTHING }),
    );
  });
  afterAll(async () => {
    await producer.disconnect();
    await service.close();
  });

  const create = (key: string) =>
    fetch(`${service.url}/api/plugins/validity/tests/`, {
      method: 'POST',
      headers: { Authorization: `Token ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `forged-${key.slice(0, 8)}`, description: 'x', expression: 'true' }),
    });

  it('gives no working token for a record without the services HMAC or signed with another key', async () => {
    const unsignedKey = generateTokenKey();
    const otherKeyKey = generateTokenKey();
    const genuineKey = generateTokenKey();
    await producer.send(TOKENS_TOPIC, [
      adminTokenRecord(unsignedKey),
      new InternalRecordAuthenticator('a key only the attacker knows, 32+ chars').sign(
        TOKENS_TOPIC,
        adminTokenRecord(otherKeyKey),
      ),
      // Published after the forged ones: once it works, the service has read past them.
      new InternalRecordAuthenticator(internalTopicHmacKey).sign(TOKENS_TOPIC, adminTokenRecord(genuineKey)),
    ]);

    await waitFor('the genuine token', async () =>
      (await create(genuineKey)).status === 201 ? true : undefined,
    );
    for (const key of [unsignedKey, otherKeyKey]) {
      const answer = await create(key);
      expect([answer.status, await answer.json()]).toEqual([403, { detail: 'Invalid token' }]);
    }
  });
});
