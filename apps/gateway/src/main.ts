import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';

const config = loadGatewayConfig();
void bootstrapService(AppModule.register(config), config.http);
