export * from './service-data-source';
export * from './database.module';
export * from './migrate-command';
export * from './migration-schema';
export * from './vacuum-truncate';
export * from './statement-list';
export * from './folded-transaction';
