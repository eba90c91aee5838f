import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { DELIVERY_SCHEMAS } from './deliveries/api/delivery.openapi';
import { loadDispatcherConfig } from './config';

const config = loadDispatcherConfig();
void bootstrapService(AppModule.register(config), config.http, { openApiSchemas: DELIVERY_SCHEMAS });
