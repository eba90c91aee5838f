export * from './service-metrics';
export * from './http-metrics.middleware';
export * from './metrics.controller';
export * from './metrics.module';
export * from './consumer-lag.gauge';
