export * from './kafka-client';
export * from './ensure-topics';
export * from './event-producer';
export * from './consumer-runner';
export * from './record-decoder';
export * from './permanent-failure';
export * from './kafka.module';
export * from './warm-up-broker';
