import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadDispatcherConfig } from './config';

const config = loadDispatcherConfig();
void bootstrapService(AppModule.register(config), config.http);
