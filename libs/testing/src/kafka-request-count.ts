/** The part of kafkajs 2.2.4's `Connection` (src/network/connection.js) counted here. */
interface KafkajsConnection {
  clientId: string;
  send(protocol: { request: { apiName: string } }): Promise<unknown>;
}

export interface KafkaRequestCount {
  /** Requests of that API (`Fetch`, `OffsetCommit`, `ListOffsets`...) sent since the count (re)started. */
  sentBy(apiName: string): number;
  reset(): void;
  restore(): void;
}

/**
 * Counts the requests that kafkajs clients with `clientId` send to the broker, by API: what a spec of a
 * client's request economy asserts (kafkajs's instrumentation events exist only for its consumer,
 * producer and admin, not for the clusters built beside them).
 */
export function countKafkaRequests(clientId: string): KafkaRequestCount {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prototype } = require('kafkajs/src/network/connection') as { prototype: KafkajsConnection };
  const original = prototype.send;
  const counts = new Map<string, number>();
  prototype.send = function countedSend(this: KafkajsConnection, protocol) {
    if (this.clientId === clientId) {
      const { apiName } = protocol.request;
      counts.set(apiName, (counts.get(apiName) ?? 0) + 1);
    }
    return original.call(this, protocol);
  };
  return {
    sentBy: (apiName) => counts.get(apiName) ?? 0,
    reset: () => counts.clear(),
    restore: () => {
      prototype.send = original;
    },
  };
}
