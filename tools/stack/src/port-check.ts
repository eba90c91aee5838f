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
