import { randomUUID } from 'node:crypto';

/**
 * The relays running in this process, by schema, so a write can wake its relay the moment it committed:
 * a NOTIFY costs a round trip to PostgreSQL and back before the relay hears it, which on a busy service
 * was most of the time from commit to Kafka. A write is NOTIFYed only when no relay of its schema runs
 * in its process (a tool, a test): a NOTIFY is a transaction of its own (an xid, a commit to flush, and
 * PostgreSQL's one notification-queue lock), which every group of runs paid once more. A relay woken
 * here publishes the write even while another instance's relay holds the checkpoint: it waits for it
 * (see `OutboxRelay`). The NOTIFY carries `THIS_PROCESS` so a relay here ignores the notices of writes
 * that already woke it.
 */
const relays = new Map<string, Set<() => void>>();

/** Tells this process's NOTIFYs from other processes' (the relay's listener skips its own). */
export const THIS_PROCESS = randomUUID();

/** Registers a relay's `wake` for its schema; returns what unregisters it. */
export function registerLocalRelay(schema: string, wake: () => void): () => void {
  const woken = relays.get(schema) ?? new Set();
  relays.set(schema, woken);
  woken.add(wake);
  return () => {
    woken.delete(wake);
    if (woken.size === 0) relays.delete(schema);
  };
}

/** Wakes this process's relays of `schema` (after a commit); `false` when none runs here. */
export function wakeLocalRelays(schema: string): boolean {
  const woken = relays.get(schema);
  for (const wake of woken ?? []) wake();
  return woken !== undefined;
}
