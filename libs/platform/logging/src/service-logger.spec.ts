import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-log-creator';
import { PinoNestLogger } from './pino-nest-logger';
import { RequestLog, requestLogContext } from './request-log-context';
import { createServiceLogger, type ServiceLogLevel } from './service-logger';

function capture(level: ServiceLogLevel = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const logger = createServiceLogger({ service: 'dispatcher', level, destination });
  return { logger, lines };
}

describe('the service log format', () => {
  it('writes one JSON object per line with a UTC ISO time, the level as a word, service, pid and msg', () => {
    const { logger, lines } = capture();
    logger.info({ webhook_id: 7 }, 'delivery delivered');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      level: 'info',
      service: 'dispatcher',
      pid: process.pid,
      webhook_id: 7,
      msg: 'delivery delivered',
    });
  });

  it('drops lines below LOG_LEVEL', () => {
    const { logger, lines } = capture('warn');
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it("returns from Nest's log calls below LOG_LEVEL before reading the message", () => {
    const { logger, lines } = capture('warn');
    const nest = new PinoNestLogger(logger);
    let read = false;
    const message = {
      get msg() {
        read = true;
        return 'delivery delivered';
      },
    };
    nest.log(message, 'Delivery');
    nest.warn('shown', 'Delivery');
    expect(read).toBe(false);
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it("writes Nest's log calls with their context, object fields and error stacks", () => {
    const { logger, lines } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('listening on http://127.0.0.1:8003', 'dispatcher');
    nest.warn({ msg: 'delivery failed', delivery_id: 12 }, 'Delivery');
    nest.error('boom', 'Error: boom\n    at somewhere (file.ts:1:1)', 'ExceptionsHandler');
    nest.verbose('too detailed');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'dispatcher',
        msg: 'listening on http://127.0.0.1:8003',
      }),
      expect.objectContaining({
        level: 'warn',
        context: 'Delivery',
        delivery_id: 12,
        msg: 'delivery failed',
      }),
      expect.objectContaining({
        level: 'error',
        context: 'ExceptionsHandler',
        msg: 'boom',
        stack: expect.stringContaining('at somewhere') as unknown,
      }),
    ]);
  });

  it("writes through the request's logger inside a request, so the line carries request_id", () => {
    const { logger, lines } = capture();
    const nest = new PinoNestLogger(logger);
    requestLogContext.run(new RequestLog(logger, 'r-1'), () => nest.log('inside', 'Handler'));
    nest.log('outside', 'Handler');
    expect(lines.map((line) => [line.msg, line.request_id])).toEqual([
      ['inside', 'r-1'],
      ['outside', undefined],
    ]);
  });

  it("routes kafkajs's log entries into the same format, mapping its levels", () => {
    const { logger, lines } = capture();
    const log = kafkaLogCreator(() => logger)(logLevel.INFO);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 'x', logger: 'kafkajs', message: 'Connection timeout', broker: '127.0.0.1:9092' },
    });
    log({
      namespace: 'Consumer',
      level: logLevel.WARN,
      label: 'WARN',
      log: { timestamp: 'x', logger: 'kafkajs', message: 'rebalancing' },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        service: 'dispatcher',
        component: 'kafkajs',
        namespace: 'Connection',
        broker: '127.0.0.1:9092',
        msg: 'Connection timeout',
      }),
      expect.objectContaining({ level: 'warn', namespace: 'Consumer', msg: 'rebalancing' }),
    ]);
    expect(lines[0]).not.toHaveProperty('timestamp');
  });
});
