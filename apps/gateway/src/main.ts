import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';
import { upstreamProxy } from './routing/upstream-proxy';

const config = loadGatewayConfig();
void bootstrapService(AppModule.register(config), config.http, {
  beforeBodyParser: [upstreamProxy(config.upstreams)],
});
