import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  absoluteUrl,
  ApiNetBoxOperation,
  BRIEF_QUERY,
  created,
  isBrief,
  NotFoundError,
  paginate,
  paginatedList,
  parsePagination,
  requestUrl,
  schemaRef,
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
import { SOURCE, SOURCE_LIST_QUERY, SOURCE_OR_BRIEF } from './source.openapi';

const DETAIL_LINKS = [
  'SourcesController_get',
  'SourcesController_replace',
  'SourcesController_modify',
  'SourcesController_remove',
];

/**
 * `/api/ingest/sources/`: the NetBox instances whose webhooks the hub takes, NetBox-style (pagination,
 * filters, brief, DRF errors, tokens). A source's secret is shown only in the answer to the write that
 * set it, as every secret of this system.
 */
@Controller('api/ingest/sources')
export class SourcesController {
  constructor(@Inject(SourceStore) private readonly store: SourceStore) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List NetBox sources',
    query: SOURCE_LIST_QUERY,
    success: { status: 200, schema: paginatedList(SOURCE_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: QueryParams) {
    const page = parsePagination(query);
    const { sources, count } = await this.store.list(query, page);
    const represent = isBrief(query)
      ? (source: Source) => briefSourceRepresentation(source, urlOf(request, source.id))
      : (source: Source) => sourceRepresentation(source, urlOf(request, source.id), 'masked');
    return paginate(requestUrl(request), count, sources.map(represent), page);
  }

  @Post()
  @ApiNetBoxOperation({
    summary: 'Register a NetBox source',
    body: schemaRef('WritableIngestSource'),
    success: { status: 201, schema: SOURCE, links: DETAIL_LINKS },
    errors: [400, 403, 413, 415],
  })
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const id = await this.store.insert(readSourceInput(body, undefined, false));
    const representation = await this.represent(request, id, 'shown');
    return created(response, representation.url as string, representation);
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get a NetBox source',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: SOURCE_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: QueryParams) {
    const source = await this.existing(id);
    if (isBrief(query)) return briefSourceRepresentation(source, urlOf(request, source.id));
    return sourceRepresentation(source, urlOf(request, source.id), 'masked');
  }

  @Put(':id')
  @ApiNetBoxOperation({
    summary: 'Replace a NetBox source',
    body: schemaRef('WritableIngestSource'),
    success: { status: 200, schema: SOURCE },
    errors: [400, 403, 404, 413, 415],
  })
  async replace(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const source = await this.existing(id);
    await this.store.update(source.id, readSourceInput(body, undefined, false));
    return this.represent(request, source.id, 'shown');
  }

  @Patch(':id')
  @ApiNetBoxOperation({
    summary: 'Change fields of a NetBox source',
    body: schemaRef('PatchedWritableIngestSource'),
    success: { status: 200, schema: SOURCE },
    errors: [400, 403, 404, 413, 415],
  })
  async modify(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const source = await this.existing(id);
    await this.store.update(source.id, readSourceInput(body, source, true));
    return this.represent(request, source.id, 'shown');
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Delete a NetBox source',
    success: { status: 204, schema: null },
    errors: [403, 404],
  })
  async remove(@Param('id') id: string): Promise<void> {
    const source = await this.existing(id);
    await this.store.delete(source.id);
  }

  private async existing(id: string): Promise<Source> {
    const source = /^\d{1,15}$/.test(id) ? await this.store.find(Number(id)) : undefined;
    if (source === undefined) throw new NotFoundError();
    return source;
  }

  private async represent(request: Request, id: number, secret: SecretVisibility) {
    const source = await this.store.find(id);
    if (source === undefined) throw new NotFoundError();
    return sourceRepresentation(source, urlOf(request, id), secret);
  }
}

function urlOf(request: Request, id: number): string {
  return absoluteUrl(request, `/api/ingest/sources/${id}/`);
}
