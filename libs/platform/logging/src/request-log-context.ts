import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './service-logger';

/**
 * The logger bound to the HTTP request being served (it carries `request_id`), so what a handler logs
 * names the request without each call passing the id along.
 */
export const requestLogContext = new AsyncLocalStorage<Logger>();
