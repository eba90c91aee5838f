import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH } from '@validity/contracts';

/**
 * `INTERNAL_TOPIC_HMAC_KEY`, the key of the HMAC on the internal topics: the environment's when given,
 * else one generated on the first start and kept (mode 600) in the stack directory, so restarted services
 * still accept the records they signed before.
 */
export async function resolveInternalTopicHmacKey(
  file: string,
  fromEnv: string | undefined,
): Promise<string> {
  if (fromEnv !== undefined) {
    if (fromEnv.length < INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH) {
      throw new Error(
        `INTERNAL_TOPIC_HMAC_KEY must be at least ${INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH} characters`,
      );
    }
    return fromEnv;
  }
  try {
    const saved = (await readFile(file, 'utf8')).trim();
    if (saved.length >= INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH) return saved;
  } catch {
    // first start: generate below
  }
  const key = randomBytes(32).toString('hex');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}
