import type { NewEvent, StoredEvent } from '@validity/platform/event-store';

/** An appended event as the store hands it back to a projection: the record's bytes and headers. */
export function storedEventOf({ type, record }: NewEvent, streamId = 'stream-1', version = 1): StoredEvent {
  return {
    position: '1',
    streamId,
    version,
    type,
    payload: record.message.value,
    headers: record.message.headers,
  };
}

/** Events appended one after another to one stream, as the store hands them back (versions from 1). */
export function streamOf(events: readonly NewEvent[], streamId = 'stream-1'): StoredEvent[] {
  return events.map((event, index) => storedEventOf(event, streamId, index + 1));
}

/**
 * What an event says, for comparing a decided event with the one expected: its type, topic, key and the
 * envelope without the `timestamp` (taken when the event is built); the bytes are compared elsewhere.
 */
export function decidedOf({ type, record }: NewEvent): unknown {
  const envelope = JSON.parse(record.message.value!.toString('utf8')) as Record<string, unknown>;
  delete envelope.timestamp;
  return { type, topic: record.topic, key: record.message.key, envelope };
}
