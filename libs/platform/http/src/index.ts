export * from './bootstrap-service';
export * from './health.controller';
export * from './health.module';
export * from './health-checks';
export * from './service-platform.module';
export * from './openapi-document';
export * from './answer-malformed-requests';
