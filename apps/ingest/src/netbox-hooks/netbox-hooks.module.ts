import { Module } from '@nestjs/common';
import { SourcesModule } from '../sources/sources.module';
import { SourceStore } from '../sources/store/source-store';
import { NetBoxHooksController } from './api/netbox-hooks.controller';
import { HookSources } from './domain/hook-sources';
import { NetBoxEventPublisher } from './publishing/netbox-event-publisher';
import { ReceivedRequests } from './store/received-requests';
import { ReceivedRequestsPruner } from './store/received-requests-pruner';
import { IngestNetBoxHook } from './use-cases/ingest-netbox-hook';

/** NetBox's webhook requests in, NetBox's bodies out on Kafka. */
@Module({
  imports: [SourcesModule],
  controllers: [NetBoxHooksController],
  providers: [
    { provide: HookSources, useExisting: SourceStore },
    NetBoxEventPublisher,
    ReceivedRequests,
    ReceivedRequestsPruner,
    IngestNetBoxHook,
  ],
})
export class NetBoxHooksModule {}
