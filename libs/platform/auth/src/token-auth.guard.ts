import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PermissionDeniedError } from '@validity/platform/netbox-api';
import { authenticateRequest } from './authenticate-request';
import { PUBLIC_ROUTE } from './public-route.decorator';
import { TokenDirectory } from './token-directory';
import { TokenDirectoryProjection } from './token-directory.projection';
import { setAuthenticatedToken } from './authenticated-token';

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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const authenticate = () =>
      authenticateRequest(request.headers.authorization, request.method, this.directory);
    let outcome = authenticate();
    if (!outcome.ok && outcome.unknownKey) {
      await this.projection.catchUpAfterMiss();
      outcome = authenticate();
    }
    if (!outcome.ok) throw new PermissionDeniedError(outcome.detail);
    setAuthenticatedToken(request, outcome.token);
    return true;
  }
}
