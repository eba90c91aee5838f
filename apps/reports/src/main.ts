import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadReportsConfig } from './config';

const config = loadReportsConfig();
void bootstrapService(AppModule.register(config), config.http);
