import { Inject } from '@nestjs/common';
import {
  NetBoxController,
  NetBoxResourceController,
  NotFoundError,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
  type ResourceWriter,
  type ResourceWrites,
  type WriteView,
} from '@validity/platform/netbox-api';
import type { Source } from '../domain/source';
import { readSourceInput } from '../domain/source-input';
import { briefSourceRepresentation, sourceRepresentation } from '../domain/source-representation';
import { SourceStore } from '../store/source-store';
import { SOURCES } from './sources.resource';

/**
 * `/api/ingest/sources/`: the NetBox instances whose webhooks the hub takes, NetBox-style (pagination,
 * filters, brief, DRF errors, tokens). A source's secret is shown only in the answer to the write that
 * set it, as every secret of this system.
 */
@NetBoxController()
export class SourcesController
  extends NetBoxResourceController(SOURCES)
  implements ResourceReads<Source>, ResourceWriter<Source>
{
  constructor(@Inject(SourceStore) private readonly store: SourceStore) {
    super();
  }

  readonly rows: ResourceRows<Source> = {
    list: async (query, page) => {
      const { sources, count } = await this.store.list(query, page);
      return { count, results: sources };
    },
    get: (id) => this.existing(id),
  };

  represent(source: Source, { brief, base }: ResourceView) {
    if (brief) return briefSourceRepresentation(source, urlOf(base, source.id));
    return sourceRepresentation(source, urlOf(base, source.id), 'masked');
  }

  readonly writes: ResourceWrites<Source> = {
    create: async (body) => this.existing(await this.store.insert(readSourceInput(body, undefined, false))),
    update: async (id, body, partial) => {
      const source = await this.existing(id);
      await this.store.update(source.id, readSourceInput(body, partial ? source : undefined, partial));
      return this.existing(source.id);
    },
    remove: async (id) => this.store.delete((await this.existing(id)).id),
  };

  /** The answer to a write shows the secret it was given. */
  representWritten(source: Source, { base }: WriteView) {
    return sourceRepresentation(source, urlOf(base, source.id), 'shown');
  }

  private async existing(id: number): Promise<Source> {
    const source = await this.store.find(id);
    if (source === undefined) throw new NotFoundError();
    return source;
  }
}

function urlOf(base: string, id: number): string {
  return `${base}/api/ingest/sources/${id}/`;
}
