import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { accessLog } from './access-log.middleware';
import { PinoNestLogger } from './pino-nest-logger';
import { createServiceLogger } from './service-logger';

describe('accessLog', () => {
  it('writes one line per request with request_id, method, path without query, status and duration', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    const logger = createServiceLogger({ service: 'gateway', level: 'info', destination });
    const nest = new PinoNestLogger(logger);
    const app = express();
    app.use((req, _res, next) => {
      (req as unknown as { requestId: string }).requestId = 'req-42';
      next();
    });
    app.use(accessLog(logger, (req) => (req as unknown as { requestId: string }).requestId));
    app.get('/api/things/', (_req, res) => {
      nest.log('handling', 'Things');
      res.status(201).json({});
    });
    app.get('/boom', (_req, res) => void res.status(500).end());
    app.get('/health', (_req, res) => void res.end());
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${base}/api/things/?secret__ic=hunter2`)).text();
      await (await fetch(`${base}/boom`)).text();
      await (await fetch(`${base}/health`)).text();
    } finally {
      server.close();
    }

    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', request_id: 'req-42', context: 'Things', msg: 'handling' }),
      expect.objectContaining({
        level: 'info',
        service: 'gateway',
        request_id: 'req-42',
        req: { method: 'GET', path: '/api/things/' },
        res: { status: 201 },
        duration_ms: expect.any(Number) as unknown,
        msg: 'GET /api/things/ 201',
      }),
      expect.objectContaining({ level: 'error', res: { status: 500 }, msg: 'GET /boom 500' }),
      // /health is a probe: logged at debug, below this logger's level.
    ]);
  });
});
