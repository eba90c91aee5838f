import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/**
 * Echoes every chunk back on its connection, in its own process, for `wakeUpCostMicros`. It writes
 * `{"port": n}` once listening and answers each line read from stdin with `{"cpuMicros": n}`, its own
 * CPU time so far; it exits when stdin closes.
 */
const server = createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('data', (chunk) => socket.write(chunk));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
createInterface({ input: process.stdin })
  .on('line', () => {
    const used = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMicros: used.user + used.system })}\n`);
  })
  .on('close', () => process.exit(0));
