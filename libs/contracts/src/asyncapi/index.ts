export * from './asyncapi-document';
export * from './asyncapi-types';
export * from './json-schema';
