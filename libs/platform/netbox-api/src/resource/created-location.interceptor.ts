import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * A create answered the NetBox way: `Location` = the new object's absolute `url` (the status is Nest's
 * 201 for POST). A bulk create answers a list, which has no one location.
 */
export function setCreatedLocation(response: Response, created: unknown): void {
  const url = (created as { url?: unknown } | null)?.url;
  if (!Array.isArray(created) && typeof url === 'string') response.setHeader('Location', url);
}

/** `setCreatedLocation` for hand-written create handlers (`CreateRoute`). */
export class CreatedLocation implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        setCreatedLocation(response, body);
        return body;
      }),
    );
  }
}
