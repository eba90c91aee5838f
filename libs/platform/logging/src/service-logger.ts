import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** The levels `LOG_LEVEL` accepts (see PlatformEnv). */
export type ServiceLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ServiceLoggerOptions {
  /** Written into every line as `service`, so lines from several services can share one stream. */
  service: string;
  level: ServiceLogLevel;
  /** Where lines go; standard output by default (`npm start` also copies it into STACK_DIR/logs). */
  destination?: DestinationStream;
}

/**
 * The one log format of every service: one JSON object per line with `time` (UTC ISO-8601, ms),
 * `level` as a word, `service`, `pid`, `msg`, and the line's own fields (`request_id`, `webhook_id`,
 * `delivery_id`, ...). Synchronous writes, so the last lines before a crash are not lost.
 */
export function createServiceLogger(options: ServiceLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
