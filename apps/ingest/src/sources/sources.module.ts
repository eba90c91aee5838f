import { Module } from '@nestjs/common';
import { SourcesController } from './api/sources.controller';
import { SourceStore } from './store/source-store';

/** `/api/ingest/sources/`: the NetBox instances the hub takes webhooks from. */
@Module({
  controllers: [SourcesController],
  providers: [SourceStore],
  exports: [SourceStore],
})
export class SourcesModule {}
