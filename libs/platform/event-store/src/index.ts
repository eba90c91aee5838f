export * from './append-events';
export * from './stale-stream.error';
export * from './outbox-relay';
export * from './event-store.migration';
export * from './event-store.module';
export * from './wait-until-relayed';
export * from './event-store-writes';
