import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { WEBHOOK_SCHEMAS } from './webhooks/api/webhook.openapi';
import { loadWebhookRegistryConfig } from './config';

const config = loadWebhookRegistryConfig();
void bootstrapService(AppModule.register(config), config.http, { openApiSchemas: WEBHOOK_SCHEMAS });
