import { Body, Controller, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { authenticatedToken } from '@validity/platform/auth';
import {
  ApiNetBoxOperation,
  Brief,
  created,
  DeleteRoute,
  GetRoute,
  listPage,
  ListRoute,
  ModifyRoute,
  NetBoxResourceController,
  ObjectId,
  ReplaceRoute,
  validateInput,
} from '@validity/platform/netbox-api';
import { ApiTokenInput } from '../input/api-token.input';
import { ApiTokenRegistry } from '../use-cases/api-token.registry';
import { apiTokenRepresentation, briefApiTokenRepresentation } from './api-token.representation';
import { API_TOKENS, CREATE_API_TOKEN } from './api-tokens.resource';

type Query = Record<string, string | string[] | undefined>;

/** `/api/users/tokens/` in NetBox 3.6's shape, so an admin can issue tokens with pynetbox. */
@Controller('api/users/tokens')
export class ApiTokensController extends NetBoxResourceController(API_TOKENS) {
  constructor(@Inject(ApiTokenRegistry) private readonly registry: ApiTokenRegistry) {
    super();
  }

  @ListRoute(API_TOKENS)
  list(@Req() request: Request, @Query() query: Query, @Brief() brief: boolean) {
    const represent = brief ? briefApiTokenRepresentation : apiTokenRepresentation;
    return listPage(
      request,
      query,
      (page) => this.registry.list(query, page),
      (token) => represent(request, token),
    );
  }

  @Post()
  @ApiNetBoxOperation(CREATE_API_TOKEN)
  async create(
    @Req() request: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const input = validateInput(ApiTokenInput, body);
    const { token, key } = await this.registry.issue(input, authenticatedToken(request).user);
    const representation = apiTokenRepresentation(request, token, key);
    return created(response, representation.url as string, representation);
  }

  @GetRoute(API_TOKENS)
  async get(@Req() request: Request, @ObjectId() id: number, @Brief() brief: boolean) {
    const token = await this.registry.get(id);
    return brief ? briefApiTokenRepresentation(request, token) : apiTokenRepresentation(request, token);
  }

  @ReplaceRoute(API_TOKENS)
  async replace(@Req() request: Request, @ObjectId() id: number, @Body() body: unknown) {
    const input = validateInput(ApiTokenInput, body);
    return apiTokenRepresentation(
      request,
      await this.registry.update(id, input, authenticatedToken(request).user),
    );
  }

  @ModifyRoute(API_TOKENS)
  async modify(@Req() request: Request, @ObjectId() id: number, @Body() body: unknown) {
    const input = validateInput(ApiTokenInput, body, { partial: true });
    return apiTokenRepresentation(
      request,
      await this.registry.update(id, input, authenticatedToken(request).user),
    );
  }

  @DeleteRoute(API_TOKENS, { summary: 'Revoke an API token' })
  async remove(@ObjectId() id: number): Promise<void> {
    await this.registry.revoke(id);
  }
}
