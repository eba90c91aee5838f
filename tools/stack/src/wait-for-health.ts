import { request } from 'node:http';

/** How often a slow start says it is still waiting. */
const PROGRESS_EVERY_MS = 15_000;

/**
 * Resolves once `GET http://127.0.0.1:<port>/health` answers 200, polling; rejects after `timeoutMs`.
 * While waiting it calls `onStillWaiting` every 15 s with the time spent and the last answer, so a slow
 * start on a loaded machine shows progress instead of silence.
 */
export async function waitForHealth(
  port: number,
  timeoutMs: number,
  onStillWaiting: (elapsedMs: number, lastProblem: string) => void = () => undefined,
): Promise<void> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let nextProgress = started + PROGRESS_EVERY_MS;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    const status = await healthStatus(port).catch((error: Error) => error.message);
    if (status === 200) return;
    lastProblem = String(status);
    if (Date.now() >= nextProgress) {
      onStillWaiting(Date.now() - started, lastProblem);
      nextProgress += PROGRESS_EVERY_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`service on port ${port} not healthy within ${timeoutMs} ms (last: ${lastProblem})`);
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
