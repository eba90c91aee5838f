import { SwaggerModule } from '@nestjs/swagger';
import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { upstreamProxy } from './routing/upstream-proxy';

const config = loadGatewayConfig();
void bootstrapService(AppModule.register(config), config.http, {
  beforeBodyParser: [upstreamProxy(config.upstreams)],
  // `/api/schema/` is the merged document (OpenApiController); the gateway's own stays at /openapi.json.
  schemaPaths: [],
  beforeListen: (app) =>
    SwaggerModule.setup(
      'api/docs',
      app,
      () => ({ openapi: '3.0.0', info: { title: '', version: '' }, paths: {} }),
      {
        // Swagger UI shows `spec` when it has keys and only fetches `url` otherwise; Nest always passes
        // the (empty) document above as `spec`, so an empty `spec` here makes the UI load the merged
        // document from `url` (without it: "No operations defined in spec!").
        swaggerOptions: { url: '/api/schema/', spec: {} },
        raw: false,
      },
    ),
});
