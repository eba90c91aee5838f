export * from './service-data-source';
export * from './event-store.migration';
export * from './database.module';
export * from './migrate-command';
