import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Options,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { authenticatedToken } from '@validity/platform/auth';
import {
  ApiNetBoxOperation,
  BRIEF_QUERY,
  isBrief,
  optionsMetadata,
  paginate,
  paginatedList,
  parsePagination,
  pathIdOf,
  requestUrl,
  schemaRef,
  validateInput,
} from '@validity/platform/netbox-api';
import { ApiTokenInput } from './api-token.input';
import { ApiTokenRegistry } from './api-token.registry';
import { apiTokenRepresentation, briefApiTokenRepresentation } from './api-token.representation';
import { TOKEN, TOKEN_LIST_QUERY, TOKEN_OR_BRIEF } from './api-token.openapi';

type Query = Record<string, string | string[] | undefined>;

/** `/api/users/tokens/` in NetBox 3.6's shape, so an admin can issue tokens with pynetbox. */
@Controller('api/users/tokens')
export class ApiTokensController {
  constructor(@Inject(ApiTokenRegistry) private readonly registry: ApiTokenRegistry) {}

  @Get()
  @ApiNetBoxOperation({
    summary: 'List API tokens',
    query: TOKEN_LIST_QUERY,
    success: { status: 200, schema: paginatedList(TOKEN_OR_BRIEF) },
    errors: [400, 403],
  })
  async list(@Req() request: Request, @Query() query: Query) {
    const page = parsePagination(query);
    const { results, count } = await this.registry.list(query, page);
    const represent = isBrief(query) ? briefApiTokenRepresentation : apiTokenRepresentation;
    return paginate(
      requestUrl(request),
      count,
      results.map((token) => represent(request, token)),
      page,
    );
  }

  @Post()
  @ApiNetBoxOperation({
    summary: 'Create an API token (its key is shown in this answer only)',
    body: schemaRef('WritableToken'),
    success: {
      status: 201,
      schema: schemaRef('CreatedToken'),
      links: [
        'ApiTokensController_get',
        'ApiTokensController_replace',
        'ApiTokensController_modify',
        'ApiTokensController_remove',
      ],
    },
    errors: [400, 403, 413, 415],
  })
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = validateInput(ApiTokenInput, body);
    const { token, key } = await this.registry.issue(input, authenticatedToken(request).user);
    const representation = apiTokenRepresentation(request, token, key);
    response.status(201).location(representation.url as string);
    return representation;
  }

  @Get(':id')
  @ApiNetBoxOperation({
    summary: 'Get an API token',
    query: [BRIEF_QUERY],
    success: { status: 200, schema: TOKEN_OR_BRIEF },
    errors: [403, 404],
  })
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: Query) {
    const token = await this.registry.get(pathIdOf(id));
    return isBrief(query)
      ? briefApiTokenRepresentation(request, token)
      : apiTokenRepresentation(request, token);
  }

  @Put(':id')
  @ApiNetBoxOperation({
    summary: 'Replace an API token',
    body: schemaRef('WritableToken'),
    success: { status: 200, schema: TOKEN },
    errors: [400, 403, 404, 413, 415],
  })
  async replace(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const input = validateInput(ApiTokenInput, body);
    return apiTokenRepresentation(
      request,
      await this.registry.update(pathIdOf(id), input, authenticatedToken(request).user),
    );
  }

  @Patch(':id')
  @ApiNetBoxOperation({
    summary: 'Change fields of an API token',
    body: schemaRef('WritableToken'),
    success: { status: 200, schema: TOKEN },
    errors: [400, 403, 404, 413, 415],
  })
  async modify(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const input = validateInput(ApiTokenInput, body, { partial: true });
    return apiTokenRepresentation(
      request,
      await this.registry.update(pathIdOf(id), input, authenticatedToken(request).user),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNetBoxOperation({
    summary: 'Revoke an API token',
    success: { status: 204, schema: null },
    errors: [403, 404],
  })
  async remove(@Param('id') id: string): Promise<void> {
    await this.registry.revoke(pathIdOf(id));
  }

  @Options()
  @ApiNetBoxOperation({
    summary: 'Field metadata (DRF metadata)',
    success: { status: 200, schema: schemaRef('NetBoxOptions') },
    errors: [403],
  })
  options() {
    return optionsMetadata({
      name: 'Token List',
      description: '',
      fields: {
        id: { type: 'integer', read_only: true, label: 'ID' },
        user: { type: 'nested object', required: false, label: 'User' },
        key: { type: 'string', required: false, label: 'Key', max_length: 40 },
        write_enabled: { type: 'boolean', required: false, label: 'Write enabled' },
        expires: { type: 'datetime', required: false, label: 'Expires' },
        description: { type: 'string', required: false, label: 'Description', max_length: 200 },
      },
    });
  }
}
