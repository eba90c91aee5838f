import pino from 'pino';
import { createServiceLogger, type Logger } from './service-logger';

let current: Logger | undefined;

/**
 * The logger of code that lives outside a Nest app's container (kafkajs clients, tools). A service sets
 * it when it boots; until then (tools, tests) it is a `warn`-level logger named after the process that
 * writes to stderr, because a tool's stdout may be its protocol (the test stack's ready line).
 */
export function processLogger(): Logger {
  return (current ??= createServiceLogger({
    service: 'validity-events',
    level: 'warn',
    destination: pino.destination({ dest: 2, sync: true }),
  }));
}

export function setProcessLogger(logger: Logger): void {
  current = logger;
}
