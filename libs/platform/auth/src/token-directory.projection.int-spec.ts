import { randomInt } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { encodeApiTokenRecord, TOKENS_TOPIC, type ApiTokenRecord } from '@validity/contracts';
import { createKafka, EventProducer } from '@validity/platform/kafka';
import { testInfrastructure, waitFor } from '@validity/testing';
import { TokenDirectory } from './token-directory';
import { TokenDirectoryProjection } from './token-directory.projection';
import { generateTokenKey, hashTokenKey } from './token-key';

const kafka = createKafka(testInfrastructure().kafkaBrokers, 'token-projection-spec', {
  logLevel: logLevel.NOTHING,
});

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
  const publish = (id: number, value: Buffer | null) =>
    producer.send(TOKENS_TOPIC, [{ key: String(id), value, headers: {} }]);

  beforeAll(async () => {
    producer = await EventProducer.connect(kafka);
  });
  afterAll(() => producer.disconnect());

  it('has every token published before it started once start() resolves, then follows changes', async () => {
    const earlyKey = generateTokenKey();
    const early = tokenRecord(earlyKey);
    await publish(early.id, encodeApiTokenRecord(early));

    const directory = new TokenDirectory(undefined);
    const projection = new TokenDirectoryProjection(kafka, directory, 'projection-spec');
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
    const projection = new TokenDirectoryProjection(kafka, directory, 'projection-spec');
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
});
