import type { OpenAPIObject } from '@nestjs/swagger';
import { assertReferencesResolve } from './openapi-document';

function documentWith(responseSchemaRef: string, linkedOperationId: string): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'x', version: '3.6' },
    paths: {
      '/api/things/': {
        post: {
          operationId: 'ThingsController_create',
          responses: {
            '201': {
              description: 'Created',
              content: { 'application/json': { schema: { $ref: responseSchemaRef } } },
              links: { get: { operationId: linkedOperationId, parameters: { id: '$response.body#/id' } } },
            },
          },
        },
      },
      '/api/things/{id}/': { get: { operationId: 'ThingsController_get', responses: {} } },
    },
    components: { schemas: { Thing: { type: 'object' } } },
  };
}

describe('assertReferencesResolve', () => {
  it('accepts a document whose $refs and links all resolve', () => {
    expect(() =>
      assertReferencesResolve(documentWith('#/components/schemas/Thing', 'ThingsController_get')),
    ).not.toThrow();
  });

  it('names a $ref to a schema the document lacks', () => {
    expect(() =>
      assertReferencesResolve(documentWith('#/components/schemas/Thingy', 'ThingsController_get')),
    ).toThrow('OpenAPI document has unresolved references: #/components/schemas/Thingy');
  });

  it('names a link to an operation the document lacks', () => {
    expect(() =>
      assertReferencesResolve(documentWith('#/components/schemas/Thing', 'ThingsController_fetch')),
    ).toThrow('OpenAPI document has unresolved references: operation ThingsController_fetch');
  });
});
