import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fixedCpuWorkMs } from './machine-speed';

/**
 * A process of its own for `machineSpeed`'s readings. It echoes every chunk back on its TCP connections
 * and writes `{"port": n}` once listening; each line read from stdin is answered with one line:
 * `cpu` with `{"cpuMicros": n}` (its CPU time so far), `work` with `{"workMs": n}` (`fixedCpuWorkMs`).
 * It exits when stdin closes.
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
  .on('line', (line) => {
    const answer = line === 'work' ? { workMs: fixedCpuWorkMs() } : { cpuMicros: cpuMicros() };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  })
  .on('close', () => process.exit(0));

function cpuMicros(): number {
  const used = process.cpuUsage();
  return used.user + used.system;
}
