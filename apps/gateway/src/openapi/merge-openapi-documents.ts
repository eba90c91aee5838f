import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * One document for the one base URL: the gateway's own paths plus each service's. Prefixes never overlap
 * (routing is by prefix), so paths merge without conflict; component schemas are merged by name.
 */
export function mergeOpenApiDocuments(
  base: OpenAPIObject,
  services: readonly OpenAPIObject[],
): OpenAPIObject {
  const merged: OpenAPIObject = structuredClone(base);
  merged.info = { ...merged.info, title: 'Validity Events API' };
  for (const service of services) {
    merged.paths = { ...merged.paths, ...service.paths };
    merged.components = {
      ...merged.components,
      schemas: { ...merged.components?.schemas, ...service.components?.schemas },
    };
    merged.tags = [...(merged.tags ?? []), ...(service.tags ?? [])];
  }
  return merged;
}
