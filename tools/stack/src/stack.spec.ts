import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from './stack';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

describe('startStack', () => {
  it("refuses, naming the app and its setting, when an app's port is taken, before starting anything", async () => {
    // NetBox's development server on a service's port, say (the ports are checked in `APPS` order).
    const other = createServer();
    const taken = await listen(other);
    const stackDir = mkdtempSync(join(tmpdir(), 'stack-ports-'));
    const log: string[] = [];
    try {
      await expect(
        startStack({
          stackDir,
          jarsStackDir: stackDir,
          kafkaPort: 1,
          postgresPort: 1,
          appEnv: { REPORTS_PORT: String(taken) },
          log: (line) => log.push(line),
        }),
      ).rejects.toThrow(
        `Port ${taken} (reports; choose another with REPORTS_PORT) is already in use; stop what holds it.`,
      );
      // Nothing was started or written: no PostgreSQL or Kafka step was logged, no data directory made.
      expect(log).toEqual([]);
      expect(readdirSync(stackDir)).toEqual([]);
    } finally {
      other.close();
      rmSync(stackDir, { recursive: true, force: true });
    }
  });
});
