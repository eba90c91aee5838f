import { Inject } from '@nestjs/common';
import {
  authenticatedToken,
  NetBoxController,
  NetBoxResourceController,
  validateInput,
  type ResourceReads,
  type ResourceView,
  type ResourceWriter,
  type ResourceWrites,
  type WriteView,
} from '@validity/platform/netbox-api';
import type { ApiToken } from '../domain/api-token';
import { ApiTokenInput } from '../input/api-token.input';
import { ApiTokenRegistry } from '../use-cases/api-token.registry';
import { apiTokenRepresentation, briefApiTokenRepresentation } from './api-token.representation';
import { API_TOKENS } from './api-tokens.resource';

/** A written token, with its key when the write issued it (the only answer that shows the key). */
type WrittenToken = { token: ApiToken; key?: string };

/** `/api/users/tokens/` in NetBox 3.6's shape, so an admin can issue tokens with pynetbox. */
@NetBoxController()
export class ApiTokensController
  extends NetBoxResourceController(API_TOKENS)
  implements ResourceReads<ApiToken>, ResourceWriter<WrittenToken>
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

  /** The requesting user is the new token's user unless the body names another. */
  readonly writes: ResourceWrites<WrittenToken> = {
    create: (body, { request }) =>
      this.registry.issue(validateInput(ApiTokenInput, body), authenticatedToken(request).user),
    update: async (id, body, partial, { request }) => {
      const input = validateInput(ApiTokenInput, body, partial ? { partial } : {});
      return { token: await this.registry.update(id, input, authenticatedToken(request).user) };
    },
    remove: (id) => this.registry.revoke(id),
  };

  representWritten({ token, key }: WrittenToken, { request }: WriteView) {
    return apiTokenRepresentation(request, token, key);
  }
}
