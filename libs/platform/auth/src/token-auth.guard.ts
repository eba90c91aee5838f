import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PermissionDeniedError } from '@validity/platform/netbox-api';
import { authenticateRequest } from './authenticate-request';
import { PUBLIC_ROUTE } from './public-route.decorator';
import { TokenDirectory } from './token-directory';
import { setAuthenticatedToken } from './authenticated-token';

/** Every handler needs a valid token unless marked `@PublicRoute()`; each service checks for itself. */
@Injectable()
export class TokenAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenDirectory) private readonly directory: TokenDirectory,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const outcome = authenticateRequest(request.headers.authorization, request.method, this.directory);
    if (!outcome.ok) throw new PermissionDeniedError(outcome.detail);
    setAuthenticatedToken(request, outcome.token);
    return true;
  }
}
