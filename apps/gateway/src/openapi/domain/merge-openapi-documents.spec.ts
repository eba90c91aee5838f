import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { mergeOpenApiDocuments } from './merge-openapi-documents';

function document(paths: string[], schemas: Record<string, SchemaObject>): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'x', version: '3.6' },
    paths: Object.fromEntries(
      paths.map((path) => [
        path,
        {
          get: {
            responses: {
              '200': {
                description: 'OK',
                content: {
                  'application/json': {
                    schema: { $ref: `#/components/schemas/${Object.keys(schemas).at(-1)}` },
                  },
                },
              },
            },
          },
        },
      ]),
    ),
    components: { schemas },
  };
}

const DETAIL: SchemaObject = { type: 'object', properties: { detail: { type: 'string' } } };

describe('mergeOpenApiDocuments', () => {
  it('keeps the gateway document and adds every service’s paths and schemas', () => {
    const merged = mergeOpenApiDocuments(document(['/api/users/tokens'], { Token: { type: 'object' } }), [
      { service: 'reports', document: document(['/api/plugins/validity/reports'], { Report: {} }) },
      { service: 'webhook-registry', document: document(['/api/extras/webhooks'], { Webhook: {} }) },
    ]);
    expect(Object.keys(merged.paths)).toEqual([
      '/api/users/tokens',
      '/api/plugins/validity/reports',
      '/api/extras/webhooks',
    ]);
    expect(Object.keys(merged.components?.schemas ?? {})).toEqual(['Token', 'Report', 'Webhook']);
    expect(merged.info.title).toBe('Validity Events API');
  });

  it('keeps one copy of a schema every service carries identically', () => {
    const merged = mergeOpenApiDocuments(document([], { NetBoxDetail: DETAIL }), [
      { service: 'reports', document: document(['/api/plugins/validity/reports'], { NetBoxDetail: DETAIL }) },
    ]);
    expect(Object.keys(merged.components?.schemas ?? {})).toEqual(['NetBoxDetail']);
    expect(JSON.stringify(merged.paths)).toContain('#/components/schemas/NetBoxDetail"');
  });

  it('renames a service schema whose name another schema holds, with every $ref to it', () => {
    const merged = mergeOpenApiDocuments(document(['/api/users/tokens'], { Item: { type: 'string' } }), [
      {
        service: 'webhook-registry',
        document: document(['/api/extras/webhooks'], {
          Item: { type: 'integer' },
          Page: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
        }),
      },
    ]);
    expect(merged.components?.schemas).toEqual({
      Item: { type: 'string' },
      WebhookRegistry_Item: { type: 'integer' },
      Page: { type: 'array', items: { $ref: '#/components/schemas/WebhookRegistry_Item' } },
    });
    // The gateway's own path still names its own schema.
    expect(JSON.stringify(merged.paths['/api/users/tokens'])).toContain('/Item"');
  });
});
