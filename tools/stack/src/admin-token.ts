import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const TOKEN_FORMAT = /^[0-9a-f]{40}$/;

/**
 * The admin API token: `ADMIN_TOKEN` when given, else one generated on the first start and kept in the
 * stack directory, so restarts print (and accept) the same token.
 */
export async function resolveAdminToken(file: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv !== undefined) {
    if (!TOKEN_FORMAT.test(fromEnv)) throw new Error('ADMIN_TOKEN must be 40 lower-case hex characters');
    return fromEnv;
  }
  try {
    const saved = (await readFile(file, 'utf8')).trim();
    if (TOKEN_FORMAT.test(saved)) return saved;
  } catch {
    // first start: generate below
  }
  const token = randomBytes(20).toString('hex');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}
