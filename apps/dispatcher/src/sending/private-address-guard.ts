import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { DestinationPolicy } from '@validity/contracts';

/** Raised instead of connecting to a refused address; the delivery fails without retries. */
export class BlockedDestinationError extends Error {
  constructor(host: string, address: string, reason: string) {
    super(host === address ? `${host} is ${reason}` : `${host} resolves to ${address}, ${reason}`);
    this.name = 'BlockedDestinationError';
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
export type GuardedLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for the HTTP client's sockets: resolves every address of the host and refuses the
 * connection if the destination policy refuses any of them. The socket then connects to an address
 * checked here, so a DNS answer that changes between a check and the connect (rebinding) cannot slip
 * through.
 */
export function guardedLookup(policy: DestinationPolicy): GuardedLookup {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const reason = policy.refusalOf(address);
        if (reason !== undefined) return callback(new BlockedDestinationError(hostname, address, reason), []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      callback(null, first.address, first.family);
    });
  };
}

/** Sockets skip `lookup` for a literal IP, so a URL like `http://169.254.169.254/` is checked here. */
export function refuseLiteralAddress(policy: DestinationPolicy, url: URL): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) === 0) return;
  const reason = policy.refusalOf(host);
  if (reason !== undefined) throw new BlockedDestinationError(host, host, reason);
}
