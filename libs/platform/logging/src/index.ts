export * from './service-logger';
export * from './process-logger';
export * from './kafka-log-creator';
export * from './request-log-context';
export * from './pino-nest-logger';
export * from './access-log.middleware';
