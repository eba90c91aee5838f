import type { ApiAnswer } from './console-api.client';

/** An API answer the page cannot show (5xx, 403 on a read): the console's error page names it. */
export class ApiCallError extends Error {
  constructor(
    readonly path: string,
    readonly answer: ApiAnswer<unknown>,
  ) {
    const detail = (answer.body as { detail?: unknown } | null)?.detail;
    super(`${path} answered ${answer.status}${typeof detail === 'string' ? `: ${detail}` : ''}`);
  }
}
