import { randomBytes } from 'node:crypto';

/** Topic, group and schema names unique to one test, so specs share a broker and database safely. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
