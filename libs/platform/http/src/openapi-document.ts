import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Express } from 'express';

/** Where every service serves its own OpenAPI document; the gateway merges them at `/api/schema/`. */
export const SERVICE_OPENAPI_PATH = '/openapi.json';

/**
 * Builds the service's OpenAPI document from its controllers and serves it, without a token (NetBox's
 * schema view is public too), at `/openapi.json` and at each extra path.
 */
export function serveOpenApiDocument(
  app: INestApplication,
  title: string,
  extraPaths: readonly string[],
): OpenAPIObject {
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
