import type { OpenAPIObject } from '@nestjs/swagger';

/** A service's own document and the name it is known by (`reports`, `webhook-registry`, ...). */
export interface ServiceDocument {
  service: string;
  document: OpenAPIObject;
}

const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * One document for the one base URL: the gateway's own paths plus each service's. Prefixes never overlap
 * (routing is by prefix), so paths merge without conflict. Component schemas merge by name: the shared
 * NetBox ones (`NetBoxDetail`, ...) are identical in every document and kept once; a service schema whose
 * name is taken by a different schema is renamed `<Service>_<Name>` with every `$ref` to it in that
 * service's document, so no service's schema silently replaces another's.
 */
export function mergeOpenApiDocuments(
  base: OpenAPIObject,
  services: readonly ServiceDocument[],
): OpenAPIObject {
  const merged: OpenAPIObject = structuredClone(base);
  merged.info = { ...merged.info, title: 'Validity Events API' };
  for (const { service, document } of services) {
    const taken = merged.components?.schemas ?? {};
    const renames = new Map<string, string>();
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      if (Object.hasOwn(taken, name) && !sameSchema(taken[name], schema))
        renames.set(name, `${pascalCase(service)}_${name}`);
    }
    const namespaced = withRenamedSchemas(document, renames);
    merged.paths = { ...merged.paths, ...namespaced.paths };
    merged.components = {
      ...merged.components,
      schemas: { ...merged.components?.schemas, ...namespaced.components?.schemas },
    };
    merged.tags = [...(merged.tags ?? []), ...(namespaced.tags ?? [])];
  }
  return merged;
}

function withRenamedSchemas(document: OpenAPIObject, renames: ReadonlyMap<string, string>): OpenAPIObject {
  if (renames.size === 0) return document;
  const renamed = JSON.parse(
    JSON.stringify(document, (key, value: unknown) => {
      if (key !== '$ref' || typeof value !== 'string' || !value.startsWith(SCHEMA_REF_PREFIX)) return value;
      const name = value.slice(SCHEMA_REF_PREFIX.length);
      return `${SCHEMA_REF_PREFIX}${renames.get(name) ?? name}`;
    }),
  ) as OpenAPIObject;
  const schemas = renamed.components?.schemas ?? {};
  renamed.components = {
    ...renamed.components,
    schemas: Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [renames.get(name) ?? name, schema]),
    ),
  };
  return renamed;
}

/** The shared schemas come from one module, so equal ones serialize identically (same key order). */
function sameSchema(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
