import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadWebhookRegistryConfig } from './config';

const config = loadWebhookRegistryConfig();
void bootstrapService(AppModule.register(config), config.http);
