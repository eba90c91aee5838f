import { bootstrapService } from '@validity/platform/http';
import { AppModule } from './app.module';
import { loadIngestConfig } from './config';

const config = loadIngestConfig();
void bootstrapService(AppModule.register(config), config.http, {
  bodyLimitBytes: config.ingest.bodyLimitBytes,
});
