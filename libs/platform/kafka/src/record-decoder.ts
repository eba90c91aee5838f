import { decodeEnvelope, type DecodedEnvelope, type KafkaRecord } from '@validity/contracts';

/** What a consumer makes of one record: a value to handle, or a reason to dead-letter it. */
export type DecodeOutcome<T> = { ok: true; value: T } | { ok: false; reason: string; message: string };

export type RecordDecoder<T> = (record: KafkaRecord) => DecodeOutcome<T>;

/** Decoder for the public event topics: NetBox envelopes with the contract headers. */
export const envelopeDecoder: RecordDecoder<DecodedEnvelope> = (record) => {
  const result = decodeEnvelope(record);
  return result.ok
    ? { ok: true, value: result }
    : { ok: false, reason: result.error.reason, message: result.error.message };
};
