export * from './check-json-schema';
export * from './check-kafka-record';
export * from './asyncapi-errors';
