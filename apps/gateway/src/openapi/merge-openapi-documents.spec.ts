import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApiDocuments } from './merge-openapi-documents';

function document(paths: string[], schemas: string[]): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'x', version: '3.6' },
    paths: Object.fromEntries(paths.map((path) => [path, { get: { responses: {} } }])),
    components: { schemas: Object.fromEntries(schemas.map((name) => [name, { type: 'object' }])) },
  };
}

describe('mergeOpenApiDocuments', () => {
  it('keeps the gateway document and adds every service’s paths and schemas', () => {
    const merged = mergeOpenApiDocuments(document(['/api/users/tokens'], ['Token']), [
      document(['/api/plugins/validity/reports'], ['Report']),
      document(['/api/extras/webhooks'], ['Webhook']),
    ]);
    expect(Object.keys(merged.paths)).toEqual([
      '/api/users/tokens',
      '/api/plugins/validity/reports',
      '/api/extras/webhooks',
    ]);
    expect(Object.keys(merged.components?.schemas ?? {})).toEqual(['Token', 'Report', 'Webhook']);
    expect(merged.info.title).toBe('Validity Events API');
  });
});
