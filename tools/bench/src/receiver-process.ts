import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { sharedNow } from './shared-clock';

/**
 * A webhook receiver in its own process, so its CPU is not the benchmark's: a `node:http` server on
 * 127.0.0.1 that answers every request 200 (after `--delay-ms`, 0 by default) and counts them. With
 * `--record-ids` it also parses each body and remembers when `data.id` arrived. Between `fail` and
 * `recover` it answers 500 and counts nothing (an outage).
 *
 * Protocol, one JSON object a line: it writes `{"port": n}` once listening; it answers each line read
 * from stdin (`{"op": "stats" | "reset" | "arrivals" | "fail" | "recover"}`) with one line on stdout.
 */
const delayMs = Number(argument('--delay-ms') ?? '0');
const recordIds = process.argv.includes('--record-ids');

let count = 0;
let firstAt: number | null = null;
let lastAt: number | null = null;
let arrivals: Array<[id: number, at: number]> = [];
let failing = false;

function handle(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => {
    if (recordIds) chunks.push(chunk);
  });
  request.on('end', () => {
    if (failing) {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end('down');
      return;
    }
    const at = sharedNow();
    count += 1;
    firstAt ??= at;
    lastAt = at;
    if (recordIds) {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { id?: unknown } };
        if (typeof body.data?.id === 'number') arrivals.push([body.data.id, at]);
      } catch {
        // not an envelope: counted, not timed
      }
    }
    const answer = () => response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
}

const server = createServer({ keepAliveTimeout: 60_000 }, handle);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  write({ port: typeof address === 'object' && address ? address.port : 0 });
});

createInterface({ input: process.stdin }).on('line', (line) => {
  const { op } = JSON.parse(line) as { op: string };
  if (op === 'stats') write({ count, firstAt, lastAt });
  else if (op === 'reset') {
    count = 0;
    firstAt = null;
    lastAt = null;
    arrivals = [];
    write({ ok: true });
  } else if (op === 'arrivals') write({ arrivals });
  else if (op === 'fail' || op === 'recover') {
    failing = op === 'fail';
    write({ ok: true });
  } else write({ error: `unknown op ${op}` });
});
// The parent is gone: stop, so no receiver outlives a benchmark run.
process.stdin.on('end', () => process.exit(0));

function write(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}
