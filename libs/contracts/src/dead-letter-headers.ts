/**
 * Headers of the records on the dead-letter topic (`DEAD_LETTER_TOPIC`), named here so the producers
 * and the AsyncAPI document cannot disagree. Two kinds of records go there:
 *
 * - an unprocessable record: a consumed record the consumer could not decode, or whose handler failed
 *   for good. It keeps the record's key, value and headers, plus `reason`, `message` and the `source*` /
 *   `consumerGroup` headers saying where it was read;
 * - a failed delivery: an event the dispatcher gave up delivering to one webhook. It carries the event's
 *   envelope and envelope headers, plus `reason`, `message`, `webhookId`, `deliveryId`, `attempts` and
 *   `messageId`.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'dead-letter-reason',
  message: 'dead-letter-message',
  sourceTopic: 'dead-letter-source-topic',
  sourcePartition: 'dead-letter-source-partition',
  sourceOffset: 'dead-letter-source-offset',
  consumerGroup: 'dead-letter-consumer-group',
  webhookId: 'dead-letter-webhook-id',
  deliveryId: 'dead-letter-delivery-id',
  attempts: 'dead-letter-attempts',
  /** The Standard Webhooks `webhook-id` the delivery was sent with. */
  messageId: 'dead-letter-message-id',
} as const;
