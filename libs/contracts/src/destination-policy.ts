import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may send: the one rule the registry applies when a webhook is written and the
 * dispatcher applies again to every address it connects to.
 *
 * - Link-local and cloud metadata addresses are always refused: a webhook there reads the host's cloud
 *   credentials into the delivery log, and no real receiver lives there.
 * - Private, loopback and reserved addresses are refused when `blockPrivate` is set
 *   (`DELIVERY_BLOCK_PRIVATE=true`); off by default, since OSS/BSS receivers are usually private.
 * - Networks in `allowNetworks` (`DELIVERY_ALLOW_NETWORKS`) are allowed whatever the two rules say.
 */
export interface DestinationPolicySettings {
  blockPrivate: boolean;
  /** CIDR networks (`10.20.0.0/16`, `fd12::/64`) or single addresses. */
  allowNetworks: readonly string[];
}

export const DEFAULT_DESTINATION_POLICY: DestinationPolicySettings = {
  blockPrivate: false,
  allowNetworks: [],
};

type Network = readonly [address: string, prefix: number];

// Metadata services: AWS/GCP/Azure/OpenStack 169.254.169.254 (in link-local), AWS IPv6 fd00:ec2::254
// (its whole fd00:ec2::/32 of instance services), Alibaba 100.100.100.200, Oracle 192.0.0.192.
const ALWAYS_REFUSED_V4: readonly Network[] = [
  ['169.254.0.0', 16],
  ['100.100.100.200', 32],
  ['192.0.0.192', 32],
];
const ALWAYS_REFUSED_V6: readonly Network[] = [
  ['fe80::', 10],
  ['fd00:ec2::', 32],
];

const PRIVATE_V4: readonly Network[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];
const PRIVATE_V6: readonly Network[] = [
  ['::', 128],
  ['::1', 128],
  // Addresses that embed an IPv4 address (NAT64, 6to4) could smuggle a private one; a public receiver
  // never resolves to them, so they are refused whole. IPv4-mapped ones are checked as IPv4.
  ['64:ff9b::', 96],
  ['2002::', 16],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['ff00::', 8],
];

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export class DestinationPolicy {
  private readonly alwaysRefused = blockList(ALWAYS_REFUSED_V4, ALWAYS_REFUSED_V6);
  private readonly private = blockList(PRIVATE_V4, PRIVATE_V6);
  private readonly allowed: BlockList;

  constructor(readonly settings: DestinationPolicySettings) {
    const networks = settings.allowNetworks.map((network) => {
      const parsed = parseNetwork(network);
      if (parsed === undefined) throw new Error(`not a CIDR network or address: ${network}`);
      return parsed;
    });
    this.allowed = blockList(
      networks.filter(([address]) => isIP(address) === 4),
      networks.filter(([address]) => isIP(address) === 6),
    );
  }

  /**
   * `DELIVERY_ALLOW_NETWORKS`: comma-separated networks, empty for none; `undefined` if one of them is
   * not a network, so the configuration fails at start.
   */
  static parseNetworkList(text: string): string[] | undefined {
    const networks = text
      .split(',')
      .map((network) => network.trim())
      .filter((network) => network !== '');
    return networks.every((network) => parseNetwork(network) !== undefined) ? networks : undefined;
  }

  /** Why a connection to this IP address is refused, or `undefined` when it is allowed (or not an IP). */
  refusalOf(address: string): string | undefined {
    const bare = address.replace(/^\[(.*)\]$/, '$1');
    const mapped = IPV4_MAPPED.exec(bare)?.[1];
    const ip = mapped ?? bare;
    const family = isIP(ip);
    if (family === 0) return undefined;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(ip, type)) return undefined;
    if (this.alwaysRefused.check(ip, type)) {
      return 'a link-local or cloud metadata address (allow it with DELIVERY_ALLOW_NETWORKS)';
    }
    if (this.settings.blockPrivate && this.private.check(ip, type)) {
      return 'a private or reserved address (DELIVERY_BLOCK_PRIVATE=true)';
    }
    return undefined;
  }
}

// Two lists per rule: Node matches IPv4 addresses against IPv4-mapped IPv6 rules, so a mixed list
// could refuse or allow the wrong family.
function blockList(v4: readonly Network[], v6: readonly Network[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, 'ipv6');
  return list;
}

function parseNetwork(text: string): Network | undefined {
  const [address, prefixText, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return undefined;
  const maxPrefix = family === 4 ? 32 : 128;
  if (prefixText === undefined) return [address, maxPrefix];
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= maxPrefix ? [address, prefix] : undefined;
}
