import type { DataSource, EntityManager } from 'typeorm';
import { EventStoreWrites } from '@validity/platform/event-store';
import { WEBHOOK_RULE_MESSAGES } from '../validation/webhook-model-rules';

/** What a unique constraint of the read model means, when a concurrent write beat validation to it. */
const CONSTRAINT_ERRORS: Readonly<Record<string, Record<string, string[]>>> = {
  webhooks_name_key: { name: [WEBHOOK_RULE_MESSAGES.duplicateName] },
  webhooks_payload_url_types_key: { __all__: [WEBHOOK_RULE_MESSAGES.duplicateUrlAndTypes] },
};

/**
 * How long a write's answer waits for its change to reach Kafka. Past it (Kafka away) the client gets
 * its answer anyway: the change is stored and published when Kafka is back.
 */
const PUBLISH_WAIT_MS = 5_000;

/**
 * Runs a webhook write in one transaction and answers its concurrency failures the NetBox way: a
 * change based on a stale version is a 409 (never a lost update), and a duplicate that a concurrent
 * request committed between validation and insert gets the same 400 validation would have given.
 *
 * It answers once the change is on Kafka, as in NetBox, where a webhook is active the moment its save
 * returns: an event created after the client saw the 201 then finds the webhook in the dispatcher's view
 * (which catches up with the topic before matching). Answering at commit lost such events whenever the
 * relay was slower than the event's path (seen in `npm run chaos` on a fresh broker).
 */
export async function writeTransaction<T>(
  dataSource: DataSource,
  schema: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const writes = new EventStoreWrites({
    dataSource,
    schema,
    uniqueViolations: CONSTRAINT_ERRORS,
    staleSubject: 'The webhook',
  });
  return writes.run(work, { waitForRelayMs: PUBLISH_WAIT_MS });
}
