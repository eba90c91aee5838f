import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../http/request-context.middleware';
import { netboxErrorResponseFor } from './netbox-error-response';

/**
 * Answers every error with a NetBox-shaped JSON body (see `netboxErrorResponseFor`). Anything unexpected
 * is logged with its stack and answered `500 {"detail": "Internal server error.", "request_id": ...}`:
 * the client gets the id to quote, never the error's text, which may hold SQL or secrets. (NetBox 3.6
 * puts the exception text in its 500 body; that is the one place we deliberately differ.)
 * Registered globally, it also sees errors from Express middleware (via Nest's error handler) and
 * unknown routes (via Nest's not-found handler).
 */
@Catch()
export class NetBoxExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(NetBoxExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { status, body } = netboxErrorResponseFor(exception) ?? this.internalError(exception, req);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  }

  private internalError(exception: unknown, req: Request) {
    const requestId = requestIdOf(req);
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(
      `${req.method} ${req.originalUrl} failed (request ${requestId}): ${error.message}`,
      error.stack,
    );
    return { status: 500, body: { detail: 'Internal server error.', request_id: requestId } };
  }
}
