import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DestinationPolicy } from '@validity/contracts';

/** How long a write waits for DNS before it accepts the name and leaves the check to delivery time. */
const RESOLVE_TIMEOUT_MS = 2_000;

/**
 * Why the destination policy refuses a `payload_url`, checked when the webhook is written so the
 * client hears it at once rather than from a failed delivery: a literal IP is checked as it is; a host
 * name is resolved once and refused if any of its addresses is refused.
 *
 * DNS goes no further at write time: a name that does not resolve (yet), or not within two seconds, is
 * accepted, because the registry may not see the receivers' DNS as the dispatcher does and an answer
 * can change later (rebinding). The dispatcher checks every address it connects to, so that is where
 * the policy holds; this check only reports early what is already certain. A URL whose host is a
 * template (`http://{{ data.host }}/`) is left to delivery time too.
 */
export async function payloadUrlRefusal(
  policy: DestinationPolicy,
  payloadUrl: string,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(payloadUrl.trim());
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '' || /[{}%]/.test(host)) return undefined;
  if (isIP(host) !== 0) {
    const reason = policy.refusalOf(host);
    return reason === undefined ? undefined : `${host} is ${reason}.`;
  }
  for (const address of await resolved(host)) {
    const reason = policy.refusalOf(address);
    if (reason !== undefined) return `${host} resolves to ${address}, ${reason}.`;
  }
  return undefined;
}

async function resolved(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), RESOLVE_TIMEOUT_MS);
  });
  try {
    const answer = lookup(host, { all: true }).then(
      (addresses) => addresses.map(({ address }) => address),
      () => [],
    );
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
