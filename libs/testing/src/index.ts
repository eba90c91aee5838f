export * from './unique-name';
export * from './wait-for';
export * from './test-env';
export * from './topic-reader';
export * from './debian-packages';
export * from './running-stack';
export * from './run-python-client';
export * from './python-venv';
