import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { PublicRoute } from '@validity/platform/auth';
import { SERVICE_OPENAPI_PATH } from '@validity/platform/http';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { mergeOpenApiDocuments, type ServiceDocument } from '../domain/merge-openapi-documents';

/** `/api/schema/`: the gateway's and every service's OpenAPI, fetched live so it says what runs now. */
@Controller('api/schema')
@ApiExcludeController()
@PublicRoute()
export class OpenApiController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get()
  async schema(): Promise<OpenAPIObject> {
    const [gateway, services] = await Promise.all([
      fetchDocument(
        new URL(SERVICE_OPENAPI_PATH, `http://${this.config.http.host}:${this.config.http.port}`),
      ),
      Promise.all(
        Object.entries(this.config.upstreams).map(async ([service, base]): Promise<ServiceDocument> => ({
          service,
          document: await fetchDocument(new URL(SERVICE_OPENAPI_PATH, base)),
        })),
      ),
    ]);
    return mergeOpenApiDocuments(gateway, services);
  }
}

async function fetchDocument(url: URL): Promise<OpenAPIObject> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url.href} answered ${response.status}`);
  return (await response.json()) as OpenAPIObject;
}
