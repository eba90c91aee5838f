import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './service-logger';

/**
 * The logger of the HTTP request being served: the service's logger with the request's `request_id`
 * bound, made only when something logs during the request. Most requests log nothing but their access
 * line, and a pino child costs more than the rest of that line (its bindings serialized, its level
 * methods set up).
 */
export class RequestLog {
  private bound: Logger | undefined;

  constructor(
    private readonly root: Logger,
    readonly requestId: string,
  ) {}

  get logger(): Logger {
    return (this.bound ??= this.root.child({ request_id: this.requestId }));
  }
}

/**
 * The request being served, so what a handler logs names it (`request_id`) without each call passing
 * the id along.
 */
export const requestLogContext = new AsyncLocalStorage<RequestLog>();
