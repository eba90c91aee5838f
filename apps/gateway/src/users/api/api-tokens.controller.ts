import { Body, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { authenticatedToken } from '@validity/platform/auth';
import {
  CreateRoute,
  DeleteRoute,
  ModifyRoute,
  NetBoxController,
  NetBoxResourceController,
  ObjectId,
  ReplaceRoute,
  validateInput,
  type ResourceReads,
  type ResourceView,
} from '@validity/platform/netbox-api';
import type { ApiToken } from '../domain/api-token';
import { ApiTokenInput } from '../input/api-token.input';
import { ApiTokenRegistry } from '../use-cases/api-token.registry';
import { apiTokenRepresentation, briefApiTokenRepresentation } from './api-token.representation';
import { API_TOKENS, CREATE_API_TOKEN } from './api-tokens.resource';

/** `/api/users/tokens/` in NetBox 3.6's shape, so an admin can issue tokens with pynetbox. */
@NetBoxController()
export class ApiTokensController
  extends NetBoxResourceController(API_TOKENS)
  implements ResourceReads<ApiToken>
{
  constructor(@Inject(ApiTokenRegistry) private readonly registry: ApiTokenRegistry) {
    super();
  }

  get rows() {
    return this.registry;
  }

  represent(token: ApiToken, { brief, request }: ResourceView) {
    return (brief ? briefApiTokenRepresentation : apiTokenRepresentation)(request, token);
  }

  @CreateRoute(API_TOKENS, CREATE_API_TOKEN)
  async create(@Req() request: Request, @Body() body: unknown) {
    const input = validateInput(ApiTokenInput, body);
    const { token, key } = await this.registry.issue(input, authenticatedToken(request).user);
    return apiTokenRepresentation(request, token, key);
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
