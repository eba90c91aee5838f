/** The AsyncAPI Kafka bindings version every `bindings.kafka` object here follows. */
export const KAFKA_BINDING_VERSION = '0.5.0';
