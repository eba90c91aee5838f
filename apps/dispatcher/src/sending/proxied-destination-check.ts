import { isIP } from 'node:net';
import type { GuardedLookup } from './private-address-guard';

/**
 * Resolves a receiver's host name with the guarded lookup before a request goes to a proxy, which would
 * otherwise resolve it unchecked: a refused address rejects with `BlockedDestinationError` (the delivery
 * fails without retries), as it does on a direct connection. A literal address is checked by
 * `refuseLiteralAddress` already.
 */
export function checkDestination(lookup: GuardedLookup, url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    lookup(host, { all: true }, (error) => (error ? reject(error) : resolve()));
  });
}
