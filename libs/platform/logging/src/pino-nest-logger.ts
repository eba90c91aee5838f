import type { LoggerService } from '@nestjs/common';
import { requestLogContext } from './request-log-context';
import type { Logger } from './service-logger';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService over the service's pino logger: Nest's `log` is `info`, `verbose` is `trace`;
 * the Nest context (class name) becomes `context`; an object message is merged into the line's fields.
 * Inside a request it writes through that request's logger, so the line carries `request_id`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest, true);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest, true);
  }

  private write(level: Level, message: unknown, rest: unknown[], mayCarryStack = false): void {
    const logger = requestLogContext.getStore()?.logger ?? this.root;
    // The dispatcher logs each delivery at `info`; with the level off, building the line's fields
    // would be most of a delivery's logging cost for nothing.
    if (!logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const params = [...rest];
    // Nest passes the context (class name) last.
    if (params.length > 0 && typeof params[params.length - 1] === 'string') {
      fields.context = params.pop();
    }
    // Nest's exception handlers call error(message, stack, context).
    if (mayCarryStack && typeof params[0] === 'string' && params[0].includes('\n    at ')) {
      fields.stack = params.shift();
    }
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...own } = message as Record<string, unknown>;
      logger[level]({ ...fields, ...own }, typeof msg === 'string' ? msg : undefined);
    } else {
      logger[level](fields, String(message));
    }
  }
}
