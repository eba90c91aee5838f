import { Body, Controller, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  BaseUrl,
  Brief,
  CreateRoute,
  created,
  DeleteRoute,
  GetRoute,
  listPage,
  ListRoute,
  ModifyRoute,
  NetBoxResourceController,
  NotFoundError,
  ObjectId,
  ReplaceRoute,
  type QueryParams,
} from '@validity/platform/netbox-api';
import type { Source } from '../domain/source';
import { readSourceInput } from '../domain/source-input';
import {
  briefSourceRepresentation,
  sourceRepresentation,
  type SecretVisibility,
} from '../domain/source-representation';
import { SourceStore } from '../store/source-store';
import { SOURCES } from './sources.resource';

/**
 * `/api/ingest/sources/`: the NetBox instances whose webhooks the hub takes, NetBox-style (pagination,
 * filters, brief, DRF errors, tokens). A source's secret is shown only in the answer to the write that
 * set it, as every secret of this system.
 */
@Controller('api/ingest/sources')
export class SourcesController extends NetBoxResourceController(SOURCES) {
  constructor(@Inject(SourceStore) private readonly store: SourceStore) {
    super();
  }

  @ListRoute(SOURCES)
  list(
    @Req() request: Request,
    @Query() query: QueryParams,
    @Brief() brief: boolean,
    @BaseUrl() base: string,
  ) {
    return listPage(
      request,
      query,
      async (page) => {
        const { sources, count } = await this.store.list(query, page);
        return { count, results: sources };
      },
      (source) =>
        brief
          ? briefSourceRepresentation(source, urlOf(base, source.id))
          : sourceRepresentation(source, urlOf(base, source.id), 'masked'),
    );
  }

  @CreateRoute(SOURCES, { summary: 'Register a NetBox source' })
  async create(
    @Body() body: unknown,
    @BaseUrl() base: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const id = await this.store.insert(readSourceInput(body, undefined, false));
    const representation = await this.represent(base, id, 'shown');
    return created(response, representation.url as string, representation);
  }

  @GetRoute(SOURCES)
  async get(@ObjectId() id: number, @Brief() brief: boolean, @BaseUrl() base: string) {
    const source = await this.existing(id);
    if (brief) return briefSourceRepresentation(source, urlOf(base, source.id));
    return sourceRepresentation(source, urlOf(base, source.id), 'masked');
  }

  @ReplaceRoute(SOURCES)
  async replace(@ObjectId() id: number, @Body() body: unknown, @BaseUrl() base: string) {
    const source = await this.existing(id);
    await this.store.update(source.id, readSourceInput(body, undefined, false));
    return this.represent(base, source.id, 'shown');
  }

  @ModifyRoute(SOURCES)
  async modify(@ObjectId() id: number, @Body() body: unknown, @BaseUrl() base: string) {
    const source = await this.existing(id);
    await this.store.update(source.id, readSourceInput(body, source, true));
    return this.represent(base, source.id, 'shown');
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

  private async represent(base: string, id: number, secret: SecretVisibility) {
    const source = await this.store.find(id);
    if (source === undefined) throw new NotFoundError();
    return sourceRepresentation(source, urlOf(base, id), secret);
  }
}

function urlOf(base: string, id: number): string {
  return `${base}/api/ingest/sources/${id}/`;
}
