import {
  decodeEnvelope,
  type DecodedEnvelope,
  type DecodeOutcome,
  type KafkaRecord,
} from '@validity/contracts';

export type RecordDecoder<T> = (record: KafkaRecord) => DecodeOutcome<T>;

/** Decoder for the public event topics: NetBox envelopes with the contract headers. */
export const envelopeDecoder: RecordDecoder<DecodedEnvelope> = (record) => {
  const result = decodeEnvelope(record);
  return result.ok
    ? { ok: true, value: result }
    : { ok: false, reason: result.error.reason, message: result.error.message };
};
