import { KAFKA_PROXY, POSTGRES_PROXY, type ChaosStack } from './chaos-stack';
import type { Fault } from './faults';
import type { Toxic } from './toxiproxy-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BOTH_LINKS = [KAFKA_PROXY, POSTGRES_PROXY];
const BOTH_DIRECTIONS = ['upstream', 'downstream'] as const;

/** Adds the toxics to the links (`kafka`, `postgres`), holds them `seconds`, then removes them. */
async function withToxics(
  stack: ChaosStack,
  links: readonly string[],
  toxics: readonly Toxic[],
  seconds: number,
): Promise<void> {
  const { toxiproxy } = stack.networkProxies();
  for (const link of links) for (const toxic of toxics) await toxiproxy.addToxic(link, toxic);
  await sleep(seconds * 1_000);
  for (const link of links) for (const toxic of toxics) await toxiproxy.removeToxic(link, toxic.name);
}

function inBothDirections(name: string, type: Toxic['type'], attributes: Record<string, number>): Toxic[] {
  return BOTH_DIRECTIONS.map((stream) => ({ name: `${name}-${stream}`, type, stream, attributes }));
}

/** Kilobytes per second each way: a few times the stream's traffic, so the link is the bottleneck. */
const BANDWIDTH_KB_S = 64;
const LATENCY_MS = 200;

function partition(link: typeof KAFKA_PROXY | typeof POSTGRES_PROXY, what: string): Fault {
  return {
    name: `network-partition-${link}`,
    stack: 'network',
    fullOnly: true,
    action: (timing) =>
      `the network between every service and ${what} is partitioned for ${timing.partitionS} s: bytes are dropped both ways, no connection is closed (Toxiproxy \`timeout\` toxic, timeout 0), then it heals`,
    inject: ({ stack, timing }) =>
      withToxics(stack, [link], inBothDirections('partition', 'timeout', { timeout: 0 }), timing.partitionS),
  };
}

/**
 * Faults of the network between every service and Kafka and PostgreSQL, through Toxiproxy proxies in
 * front of both (see chaos-stack.ts): the apps know only the proxies' ports.
 */
export const NETWORK_FAULTS: readonly Fault[] = [
  {
    name: 'network-latency',
    stack: 'network',
    fullOnly: true,
    action: (timing) =>
      `${LATENCY_MS} ms added to every answer from Kafka and PostgreSQL to every service, for ${timing.networkTroubleS} s`,
    inject: ({ stack, timing }) =>
      withToxics(
        stack,
        BOTH_LINKS,
        [
          {
            name: 'latency',
            type: 'latency',
            stream: 'downstream',
            attributes: { latency: LATENCY_MS, jitter: 0 },
          },
        ],
        timing.networkTroubleS,
      ),
  },
  {
    name: 'network-bandwidth',
    stack: 'network',
    fullOnly: true,
    action: (timing) =>
      `the links between every service and Kafka and PostgreSQL carry ${BANDWIDTH_KB_S} KB/s each way, for ${timing.networkTroubleS} s`,
    inject: ({ stack, timing }) =>
      withToxics(
        stack,
        BOTH_LINKS,
        inBothDirections('bandwidth', 'bandwidth', { rate: BANDWIDTH_KB_S }),
        timing.networkTroubleS,
      ),
  },
  partition(KAFKA_PROXY, 'Kafka'),
  partition(POSTGRES_PROXY, 'PostgreSQL'),
  {
    name: 'network-reset',
    stack: 'network',
    fullOnly: true,
    action: (timing) =>
      `every connection between the services and Kafka and PostgreSQL is reset (TCP RST) mid-stream, and every new one within 0.5 s, for ${timing.networkTroubleS} s`,
    inject: ({ stack, timing }) =>
      withToxics(
        stack,
        BOTH_LINKS,
        [{ name: 'reset', type: 'reset_peer', stream: 'upstream', attributes: { timeout: 500 } }],
        timing.networkTroubleS,
      ),
  },
];
