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
  isBrief,
  optionsMetadata,
  paginate,
  parsePagination,
  requestUrl,
  validateInput,
} from '@validity/platform/netbox-api';
import { ApiTokenInput } from './api-token.input';
import { ApiTokenRegistry } from './api-token.registry';
import { apiTokenRepresentation, briefApiTokenRepresentation } from './api-token.representation';

type Query = Record<string, string | string[] | undefined>;

/** `/api/users/tokens/` in NetBox 3.6's shape, so an admin can issue tokens with pynetbox. */
@Controller('api/users/tokens')
export class ApiTokensController {
  constructor(@Inject(ApiTokenRegistry) private readonly registry: ApiTokenRegistry) {}

  @Get()
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
  async get(@Req() request: Request, @Param('id') id: string, @Query() query: Query) {
    const token = await this.registry.get(Number(id));
    return isBrief(query)
      ? briefApiTokenRepresentation(request, token)
      : apiTokenRepresentation(request, token);
  }

  @Put(':id')
  async replace(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const input = validateInput(ApiTokenInput, body);
    return apiTokenRepresentation(
      request,
      await this.registry.update(Number(id), input, authenticatedToken(request).user),
    );
  }

  @Patch(':id')
  async modify(@Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    const input = validateInput(ApiTokenInput, body, { partial: true });
    return apiTokenRepresentation(
      request,
      await this.registry.update(Number(id), input, authenticatedToken(request).user),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.registry.revoke(Number(id));
  }

  @Options()
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
