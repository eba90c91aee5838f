/** Header values as Kafka clients hand them over: repeated headers arrive as arrays. */
export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/**
 * The parts of a consumed Kafka record the codec reads. Declared here so contracts need no Kafka client;
 * from a kafkajs `KafkaMessage`, pass `headers ?? {}`.
 */
export interface KafkaRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: KafkaHeaders;
}

/** A record ready for a producer; headers are strings so they can be logged and compared as they are. */
export interface OutgoingKafkaMessage {
  key: string;
  /** `null` is a tombstone: on a compacted topic it deletes the key. */
  value: Buffer | null;
  headers: Record<string, string>;
  /** Epoch milliseconds as a decimal string; left out, the producer's clock at send time. */
  timestamp?: string;
}
