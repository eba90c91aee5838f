import { request } from 'node:http';

/** Resolves once `GET http://127.0.0.1:<port>/health` answers 200; rejects after `timeoutMs`. */
export async function waitForHealth(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    const status = await healthStatus(port).catch((error: Error) => error.message);
    if (status === 200) return;
    lastProblem = String(status);
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
