import { SwaggerModule } from '@nestjs/swagger';
import { consoleRouter } from '@validity/console';
import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { upstreamProxy } from './routing/upstream-proxy';

const config = loadGatewayConfig();
void bootstrapService(AppModule.register(config), config.http, {
  // The web console at `/` calls the API at this same gateway, with the signed-in user's token.
  beforeBodyParser: [
    upstreamProxy(config.upstreams),
    consoleRouter({
      apiUrl: `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}`,
      dispatcherMetricsUrl: new URL('/metrics', config.upstreams.dispatcher).href,
    }),
  ],
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
