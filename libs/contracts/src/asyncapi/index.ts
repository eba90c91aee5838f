export * from './asyncapi-document';
export * from './asyncapi-types';
export type { JsonSchema, JsonSchemaType } from './json-schema';
