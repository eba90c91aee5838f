import { createServer } from 'node:net';

/**
 * Fails with a message naming the port and how to move it when something already listens on
 * 127.0.0.1:`port`; launchers call it before touching data another process may own.
 */
export function assertPortFree(port: number, whatAndHowToMove: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} (${whatAndHowToMove}) is already in use; stop what holds it.`)
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * The port a setting names, or `defaultPort` when it is unset. Anything but a port number is refused,
 * naming the setting, before it reaches a `listen` (whose own error names neither) or an app (which would
 * refuse it and be restarted in a loop).
 */
export function portSetting(env: NodeJS.ProcessEnv, name: string, defaultPort: number): number {
  const text = env[name];
  if (text === undefined) return defaultPort;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new Error(`${name} must be a port number (1-65535), not ${JSON.stringify(text)}`);
  return port;
}
