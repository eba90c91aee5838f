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
