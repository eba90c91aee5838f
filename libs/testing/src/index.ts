export * from './unique-name';
export * from './wait-for';
export * from './test-env';
export * from './topic-reader';
