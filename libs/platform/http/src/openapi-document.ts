import type { INestApplication, Provider } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import type { Express } from 'express';
import { NETBOX_COMPONENT_SCHEMAS } from '@validity/platform/netbox-api';

/** Nest token of the app's component schemas, which its handlers' OpenAPI decorators `$ref`. */
export const OPENAPI_SCHEMAS = Symbol('OPENAPI_SCHEMAS');

/**
 * Declares the app's component schemas in its root module, so the document is the same whoever boots the
 * module (`main.ts` or an in-process test service).
 */
export function openApiSchemasProvider(schemas: Readonly<Record<string, SchemaObject>>): Provider {
  return { provide: OPENAPI_SCHEMAS, useValue: schemas };
}

/** Where every service serves its own OpenAPI document; the gateway merges them at `/api/schema/`. */
export const SERVICE_OPENAPI_PATH = '/openapi.json';

/**
 * Builds the service's OpenAPI document from its controllers and serves it, without a token (NetBox's
 * schema view is public too), at `/openapi.json` and at each extra path. The component schemas are the
 * shared NetBox ones (error bodies, OPTIONS) and the app's own (`OPENAPI_SCHEMAS`).
 */
export function serveOpenApiDocument(
  app: INestApplication,
  title: string,
  extraPaths: readonly string[],
): OpenAPIObject {
  const schemas = app.get<Record<string, SchemaObject>>(OPENAPI_SCHEMAS, { strict: false });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription('NetBox 3.6-compatible REST API of Validity Events')
      .setVersion('3.6')
      .addApiKey(
        { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Token <40-hex key>`' },
        'token',
      )
      .addSecurityRequirements('token')
      .build(),
  );
  document.paths = withDeclaredPathParameters(withNetBoxTrailingSlashes(document.paths));
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...NETBOX_COMPONENT_SCHEMAS, ...schemas },
  };
  assertReferencesResolve(document);
  const express: Express = app.getHttpAdapter().getInstance();
  for (const path of [SERVICE_OPENAPI_PATH, ...extraPaths])
    express.get(path, (_request, response) => void response.json(document));
  return document;
}

/** Nest strips trailing slashes from routes; NetBox's paths (and what we serve) end with `/`. */
function withNetBoxTrailingSlashes(paths: OpenAPIObject['paths']): OpenAPIObject['paths'] {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path.startsWith('/api') && !path.endsWith('/') ? `${path}/` : path,
      item,
    ]),
  );
}

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Every `{name}` in a path is declared as a required path parameter, even on handlers that read it
 * through something other than `@Param` (NetBox ids are integers), so generated clients and fuzzers
 * can call every route.
 */
function withDeclaredPathParameters(paths: OpenAPIObject['paths']): OpenAPIObject['paths'] {
  for (const [path, item] of Object.entries(paths)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    for (const method of OPERATIONS) {
      const operation = item[method];
      if (!operation) continue;
      const declared = new Set(
        (operation.parameters ?? []).flatMap((parameter) =>
          'in' in parameter && parameter.in === 'path' ? [parameter.name] : [],
        ),
      );
      const missing = names.filter((name) => !declared.has(name));
      operation.parameters = [
        ...(operation.parameters ?? []),
        ...missing.map((name) => ({
          name,
          in: 'path' as const,
          required: true,
          schema: { type: 'integer' as const },
        })),
      ];
    }
  }
  return paths;
}

/**
 * Every `$ref` must name a component schema of the document, and every link an operation of it: a typo
 * (or a renamed handler, whose operation id Nest derives from its name) would otherwise only show as a
 * fuzzer or client failure far from its cause, so the service refuses to start instead.
 */
export function assertReferencesResolve(document: OpenAPIObject): void {
  const schemas = new Set(Object.keys(document.components?.schemas ?? {}));
  const operations = new Set(
    Object.values(document.paths).flatMap((item) =>
      OPERATIONS.flatMap((method) => item[method]?.operationId ?? []),
    ),
  );
  const missing = new Set<string>();
  JSON.stringify(document, (key, value: unknown) => {
    if (key === '$ref' && typeof value === 'string') {
      const name = /^#\/components\/schemas\/(.+)$/.exec(value)?.[1];
      if (name === undefined || !schemas.has(name)) missing.add(value);
    }
    if (key === 'operationId' && typeof value === 'string' && !operations.has(value))
      missing.add(`operation ${value}`);
    return value;
  });
  if (missing.size > 0)
    throw new Error(`OpenAPI document has unresolved references: ${[...missing].join(', ')}`);
}
