import { createServer, type Server } from 'node:http';

/** The soak's ten webhooks: one fails 5 % of its requests, one answers slowly (within its timeout). */
export const SOAK_WEBHOOKS = [
  'flaky',
  'slow',
  ...Array.from({ length: 8 }, (_, index) => `steady-${index + 1}`),
] as const;
const FLAKY_FAILURE_RATE = 0.05;
export const SLOW_ANSWER_MS = 800;

/**
 * One HTTP server for the ten webhooks (`/hooks/<name>`). Keeps which (report, webhook) pairs arrived and
 * every first delivery's latency (arrival minus the event's own timestamp), compactly: an hour at
 * a thousand deliveries a second must not make the receiver the leak.
 */
export class SoakReceiver {
  private server: Server | undefined;
  private readonly delivered = new Map<string, Set<number>>(SOAK_WEBHOOKS.map((name) => [name, new Set()]));
  /** [seconds since start, latency ms] of each first delivery. */
  readonly latencies: Array<[number, number]> = [];
  private window: number[] = [];

  private startedAtMs = Date.now();

  constructor(private readonly port: number) {}

  /** Latencies from here on count from now; what arrived before (the calibration) is forgotten. */
  startClock(): void {
    this.startedAtMs = Date.now();
    this.latencies.length = 0;
    this.window = [];
  }

  url(webhook: string): string {
    return `http://127.0.0.1:${this.port}/hooks/${webhook}`;
  }

  async up(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const webhook = (request.url ?? '').split('/').pop() ?? '';
        const seen = this.delivered.get(webhook);
        if (!seen) return void response.writeHead(404).end();
        if (webhook === 'flaky' && Math.random() < FLAKY_FAILURE_RATE) {
          return void response.writeHead(500).end();
        }
        const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          timestamp: string;
          data: { id: number };
        };
        const answer = () => void (!response.destroyed && response.writeHead(204).end());
        if (!seen.has(envelope.data.id)) {
          seen.add(envelope.data.id);
          const now = Date.now();
          const latency = Math.max(0, now - Date.parse(envelope.timestamp.replace(' ', 'T')));
          this.latencies.push([Math.round((now - this.startedAtMs) / 1_000), latency]);
          this.window.push(latency);
        }
        if (webhook === 'slow') setTimeout(answer, SLOW_ANSWER_MS);
        else answer();
      });
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The latencies of first deliveries since the last call (the sampler's 10 s window). */
  takeWindow(): number[] {
    const window = this.window;
    this.window = [];
    return window;
  }

  /** Pairs of the confirmed reports that never arrived. */
  missing(reportIds: readonly number[]): number {
    let missing = 0;
    for (const seen of this.delivered.values()) for (const id of reportIds) if (!seen.has(id)) missing += 1;
    return missing;
  }
}
