import { HttpException } from '@nestjs/common';
import { NetBoxApiError, type DetailBody } from './netbox-api.error';

export interface ErrorResponse {
  status: number;
  body: unknown;
}

/**
 * The NetBox-shaped answer to an error raised while serving a request, or `undefined` when the error is
 * unexpected (the caller answers 500). Mapped, in order:
 * - `NetBoxApiError`: its own status and body;
 * - Nest's `HttpException`: its status; 404 is always DRF's `Not found.` (Nest's router says
 *   `Cannot GET /x`); Nest's default body becomes `{"detail": message}`; a custom object body (e.g. the
 *   health report) is kept as thrown;
 * - http-errors objects with an exposable 4xx status (body-parser, other Express middleware):
 *   `{"detail": message}`.
 */
export function netboxErrorResponseFor(error: unknown): ErrorResponse | undefined {
  if (error instanceof NetBoxApiError) return { status: error.status, body: error.body() };
  if (error instanceof HttpException) return httpExceptionResponse(error);
  if (isExposableClientError(error)) return { status: error.status, body: { detail: error.message } };
  return undefined;
}

function httpExceptionResponse(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  if (status === 404) return { status, body: { detail: 'Not found.' } satisfies DetailBody };
  const response = exception.getResponse();
  if (typeof response === 'string') return { status, body: { detail: response } };
  if (isNestDefaultBody(response)) return { status, body: { detail: messageText(response.message) } };
  return { status, body: response };
}

/** What `HttpException` builds when given a message rather than a body: `{statusCode, message, error?}`. */
interface NestDefaultBody {
  statusCode: number;
  message: string | string[];
}

function isNestDefaultBody(response: object): response is NestDefaultBody {
  const { statusCode, message } = response as Partial<NestDefaultBody>;
  return typeof statusCode === 'number' && (typeof message === 'string' || Array.isArray(message));
}

function messageText(message: string | string[]): string {
  return Array.isArray(message) ? message.join('; ') : message;
}

interface ExposableClientError extends Error {
  status: number;
  expose: true;
}

function isExposableClientError(error: unknown): error is ExposableClientError {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Partial<ExposableClientError>;
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}
