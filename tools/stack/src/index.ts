export * from './kafka-broker';
export * from './embedded-postgres';
export * from './infrastructure';
export * from './stack';
export * from './app-processes';
export * from './port-check';
export * from './machine-info';
export * from './app-build';
