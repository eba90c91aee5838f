import type { DataSource } from 'typeorm';
import { wakeLocalRelays } from './local-relays';

/**
 * Has the relay publish the latest event of every stream on a compacted topic once more, signed with the
 * current `INTERNAL_TOPIC_HMAC_KEY` (the relay signs at publish time). After the key changes, the records
 * already on the topic carry HMACs the services now refuse when they read the topic from its start; for
 * a topic whose latest record per key is the state (`users.tokens`), republishing those records is the
 * whole repair. Their `event-id`s are the ones already published, so a consumer that dedupes on them
 * sees no new event. A stream whose latest event is still unpublished is left to the relay as it is.
 */
export async function republishLatest(dataSource: DataSource, schema: string, topic: string): Promise<void> {
  await dataSource.query(
    `UPDATE "${schema}"."event_store" SET "relayed_at" = NULL
     WHERE "relayed_at" IS NOT NULL AND "position" IN (
       SELECT max("position") FROM "${schema}"."event_store" WHERE "topic" = $1 GROUP BY "stream_id")`,
    [topic],
  );
  wakeLocalRelays(schema);
}
