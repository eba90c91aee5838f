import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import {
  PermissionDeniedError,
  withoutActions as metadataWithoutActions,
  type OptionsMetadata,
} from '@validity/platform/netbox-api';
import { authenticateRequest } from './authenticate-request';
import { PUBLIC_ROUTE } from './public-route.decorator';
import { TokenDirectory } from './token-directory';
import { TokenDirectoryProjection } from './token-directory.projection';
import { setAuthenticatedToken } from '@validity/platform/netbox-api';

/**
 * Every handler needs a valid token unless marked `@PublicRoute()`; each service checks for itself. A
 * key it does not know is looked up again after its directory caught up with the topic, so a token
 * works at every service from the request after its create answered.
 */
@Injectable()
export class TokenAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenDirectory) private readonly directory: TokenDirectory,
    @Inject(TokenDirectoryProjection) private readonly projection: TokenDirectoryProjection,
  ) {}

  /** `@PublicRoute()` by controller class and handler, read from the metadata once per route. */
  private readonly publicRoutes = new WeakMap<object, WeakMap<object, boolean>>();

  private isPublic(controller: object, handler: object): boolean {
    let handlers = this.publicRoutes.get(controller);
    if (handlers === undefined) this.publicRoutes.set(controller, (handlers = new WeakMap()));
    let isPublic = handlers.get(handler);
    if (isPublic === undefined) {
      isPublic = Boolean(
        this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [
          handler as () => void,
          controller as new () => unknown,
        ]),
      );
      handlers.set(handler, isPublic);
    }
    return isPublic;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.isPublic(context.getClass(), context.getHandler())) return true;
    const request = context.switchToHttp().getRequest<Request>();
    // NetBox (LOGIN_REQUIRED = False) answers OPTIONS without credentials; its metadata class then
    // lists no `actions`, since the anonymous user may not POST. A token that is sent is still checked.
    if (request.method === 'OPTIONS' && request.headers.authorization === undefined) {
      withoutActions(context.switchToHttp().getResponse<Response>());
      return true;
    }
    const authenticate = () =>
      authenticateRequest(request.headers.authorization, request.method, this.directory);
    let outcome = authenticate();
    if (!outcome.ok && outcome.unknownKey) {
      await this.projection.catchUpAfterMiss();
      outcome = authenticate();
    }
    if (!outcome.ok) throw new PermissionDeniedError(outcome.detail);
    setAuthenticatedToken(request, outcome.token);
    // A read-only token may not POST or PUT either, so NetBox shows it no `actions`.
    if (request.method === 'OPTIONS' && !outcome.token.write_enabled) {
      withoutActions(context.switchToHttp().getResponse<Response>());
    }
    return true;
  }
}

/** DRF's `BulkOperationMetadata.determine_actions` for a user without write permission: no `actions`. */
function withoutActions(response: Response): void {
  const json = response.json.bind(response);
  response.json = (body?: unknown) => {
    if (typeof body === 'object' && body !== null && 'actions' in body)
      return json(metadataWithoutActions(body as Partial<OptionsMetadata>));
    return json(body);
  };
}
