import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { buildAsyncApiDocument, type AsyncApiDocument } from '@validity/contracts';
import { PublicRoute } from '@validity/platform/auth';

/**
 * `/api/asyncapi/`: the AsyncAPI 3.0 document of the public Kafka topics, open like `/api/schema/`. It is
 * built from the contracts the producers use, so it needs no service to answer and is the same bytes as
 * `docs/asyncapi.json`.
 */
@Controller('api/asyncapi')
@ApiExcludeController()
@PublicRoute()
export class AsyncApiController {
  private readonly document = buildAsyncApiDocument();

  @Get()
  asyncApi(): AsyncApiDocument {
    return this.document;
  }
}
