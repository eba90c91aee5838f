export * from './load-config';
export * from './platform.env';
export * from './service-config';
export * from './kafka.env';
export * from './load-kafka-connection';
export * from './kafka-connection';
export * from './is-network-list';
