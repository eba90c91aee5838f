import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from './service-logger';

const PINO_LEVEL: Record<logLevel, 'error' | 'warn' | 'info' | 'debug' | undefined> = {
  [logLevel.NOTHING]: undefined,
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Routes kafkajs's own log entries into the service's JSON log (instead of kafkajs's separate JSON
 * format on the same stream): `component: "kafkajs"`, its namespace and fields kept.
 */
export function kafkaLogCreator(logger: () => Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const method = PINO_LEVEL[level];
      if (!method) return;
      // kafkajs's own `timestamp` and `logger` keys would duplicate the line's `time` and `service`.
      const fields: Record<string, unknown> = { ...log };
      for (const key of ['message', 'timestamp', 'logger']) delete fields[key];
      logger()[method]({ component: 'kafkajs', namespace, ...fields }, log.message);
    };
}
