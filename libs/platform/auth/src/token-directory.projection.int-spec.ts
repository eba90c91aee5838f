import { randomInt } from 'node:crypto';
import { logLevel } from 'kafkajs';
import {
  DEAD_LETTER_HEADERS,
  encodeApiTokenRecord,
  TOKENS_TOPIC,
  type ApiTokenRecord,
  type OutgoingKafkaMessage,
} from '@validity/contracts';
import {
  createKafka,
  ensureTopics,
  EventProducer,
  InternalRecordAuthenticator,
} from '@validity/platform/kafka';
import { readTopic, testInfrastructure, uniqueName, waitFor } from '@validity/testing';
import { TokenDirectory } from './token-directory';
import { TokenDirectoryProjection } from './token-directory.projection';
import { generateTokenKey, hashTokenKey } from './token-key';

const { kafka: connection, internalTopicHmacKey } = testInfrastructure();
const kafka = createKafka(connection, 'token-projection-spec', { logLevel: logLevel.NOTHING });
const authenticator = new InternalRecordAuthenticator(internalTopicHmacKey);

function tokenRecord(key: string): ApiTokenRecord {
  // Ids far from the gateway's serial ids: the topic is shared with the rest of the run.
  return {
    id: randomInt(1_000_000, 2_000_000_000),
    user: { id: 1, username: 'admin' },
    key_sha256: hashTokenKey(key),
    write_enabled: true,
    expires: null,
  };
}

describe('TokenDirectoryProjection on a real broker', () => {
  let producer: EventProducer;
  const message = (id: number, value: Buffer | null): OutgoingKafkaMessage => ({
    key: String(id),
    value,
    headers: {},
  });
  const publish = (id: number, value: Buffer | null) =>
    producer.send(TOKENS_TOPIC, [authenticator.sign(TOKENS_TOPIC, message(id, value))]);

  beforeAll(async () => {
    producer = await EventProducer.connect(kafka);
  });
  afterAll(() => producer.disconnect());

  it('has every token published before it started once start() resolves, then follows changes', async () => {
    const earlyKey = generateTokenKey();
    const early = tokenRecord(earlyKey);
    await publish(early.id, encodeApiTokenRecord(early));

    const directory = new TokenDirectory(undefined);
    const projection = new TokenDirectoryProjection(kafka, directory, 'projection-spec', authenticator);
    await projection.start();
    try {
      expect(directory.findByKey(earlyKey)?.id).toBe(early.id);

      const lateKey = generateTokenKey();
      const late = tokenRecord(lateKey);
      await publish(late.id, encodeApiTokenRecord(late));
      await waitFor('the new token', () => directory.findByKey(lateKey));

      await publish(early.id, null);
      await waitFor('the tombstone', () => (directory.findByKey(earlyKey) ? undefined : true));
      expect(directory.findByKey(lateKey)?.id).toBe(late.id);
    } finally {
      await projection.stop();
    }
  });

  it('after a miss, holds every token published before it: a new token works on its first request', async () => {
    const directory = new TokenDirectory(undefined);
    const projection = new TokenDirectoryProjection(kafka, directory, 'projection-spec', authenticator);
    await projection.start();
    try {
      for (let round = 0; round < 20; round += 1) {
        const key = generateTokenKey();
        const record = tokenRecord(key);
        await publish(record.id, encodeApiTokenRecord(record));
        // What the guard does on an unknown key; no polling.
        await projection.catchUpAfterMiss();
        expect(directory.findByKey(key)?.id).toBe(record.id);
      }
    } finally {
      await projection.stop();
    }
  });

  it('ignores records without the HMAC (tokens and tombstones) and dead-letters them without their value', async () => {
    const deadLetterTopic = uniqueName('tokens-dead-letter');
    await ensureTopics(connection, [
      { name: deadLetterTopic, partitions: 1, cleanupPolicy: 'delete', producer: 'users', public: false },
    ]);
    const genuineKey = generateTokenKey();
    const genuine = tokenRecord(genuineKey);
    const unsignedKey = generateTokenKey();
    const unsigned = tokenRecord(unsignedKey);
    const otherKeyKey = generateTokenKey();
    const otherKey = tokenRecord(otherKeyKey);
    await publish(genuine.id, encodeApiTokenRecord(genuine));
    const forger = new InternalRecordAuthenticator('a key only the attacker knows, 32+ chars');
    await producer.send(TOKENS_TOPIC, [
      message(unsigned.id, encodeApiTokenRecord(unsigned)),
      forger.sign(TOKENS_TOPIC, message(otherKey.id, encodeApiTokenRecord(otherKey))),
      // A forged revocation of a genuine token.
      message(genuine.id, null),
    ]);

    const directory = new TokenDirectory(undefined);
    const projection = new TokenDirectoryProjection(
      kafka,
      directory,
      'projection-spec',
      authenticator,
      deadLetterTopic,
    );
    await projection.start();
    try {
      await projection.catchUpAfterMiss();
      expect(directory.findByKey(genuineKey)?.id).toBe(genuine.id);
      expect(directory.findByKey(unsignedKey)).toBeUndefined();
      expect(directory.findByKey(otherKeyKey)).toBeUndefined();
    } finally {
      await projection.stop(); // waits for the dead-letter sends
    }

    // Other specs' forged records may be on the shared topic too: keep ours.
    const admin = kafka.admin();
    await admin.connect();
    const [{ high }] = await admin.fetchTopicOffsets(deadLetterTopic).finally(() => admin.disconnect());
    const ours = new Map([
      [String(unsigned.id), 'missing-record-hmac'],
      [String(otherKey.id), 'invalid-record-hmac'],
      [String(genuine.id), 'missing-record-hmac'],
    ]);
    const deadLetters = (await readTopic(kafka, deadLetterTopic, Number(high))).filter(
      (record) => record.key !== null && ours.has(record.key),
    );
    // Sent in the background, so in any order.
    expect(
      deadLetters
        .map((record) => [
          record.key,
          record.headers[DEAD_LETTER_HEADERS.reason],
          record.headers[DEAD_LETTER_HEADERS.sourceTopic],
          record.value?.length ?? 0,
        ])
        .sort(),
    ).toEqual([...ours].map(([key, reason]) => [key, reason, TOKENS_TOPIC, 0]).sort());
  });
});
