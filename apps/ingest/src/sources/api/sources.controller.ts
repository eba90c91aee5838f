import { Body, Inject } from '@nestjs/common';
import {
  BaseUrl,
  CreateRoute,
  DeleteRoute,
  ModifyRoute,
  NetBoxController,
  NetBoxResourceController,
  NotFoundError,
  ObjectId,
  ReplaceRoute,
  type ResourceReads,
  type ResourceRows,
  type ResourceView,
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
export class SourcesController extends NetBoxResourceController(SOURCES) implements ResourceReads<Source> {
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

  @CreateRoute(SOURCES, { summary: 'Register a NetBox source' })
  async create(@Body() body: unknown, @BaseUrl() base: string) {
    const id = await this.store.insert(readSourceInput(body, undefined, false));
    return this.written(base, id);
  }

  @ReplaceRoute(SOURCES)
  async replace(@ObjectId() id: number, @Body() body: unknown, @BaseUrl() base: string) {
    const source = await this.existing(id);
    await this.store.update(source.id, readSourceInput(body, undefined, false));
    return this.written(base, source.id);
  }

  @ModifyRoute(SOURCES)
  async modify(@ObjectId() id: number, @Body() body: unknown, @BaseUrl() base: string) {
    const source = await this.existing(id);
    await this.store.update(source.id, readSourceInput(body, source, true));
    return this.written(base, source.id);
  }

  @DeleteRoute(SOURCES)
  async remove(@ObjectId() id: number): Promise<void> {
    const source = await this.existing(id);
    await this.store.delete(source.id);
  }

  private async existing(id: number): Promise<Source> {
    const source = await this.store.find(id);
    if (source === undefined) throw new NotFoundError();
    return source;
  }

  /** The answer to a write: the stored source, with the secret it was given. */
  private async written(base: string, id: number) {
    return sourceRepresentation(await this.existing(id), urlOf(base, id), 'shown');
  }
}

function urlOf(base: string, id: number): string {
  return `${base}/api/ingest/sources/${id}/`;
}
