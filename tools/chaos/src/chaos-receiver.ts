import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** How the receiver answers right now: the faults switch it between these. */
export type ReceiverBehaviour =
  { kind: 'ok' } | { kind: 'error'; status: number } | { kind: 'slow'; delayMs: number };

/** One webhook request the receiver accepted (it did the work, whatever the dispatcher saw). */
export interface AcceptedDelivery {
  webhook: string;
  /** The compliance report the envelope is about (`data.id`). */
  reportId: number;
  /** Standard Webhooks `webhook-id`: the same on every attempt of one delivery. */
  webhookId: string;
  atMs: number;
}

/**
 * A webhook receiver on a fixed port that can be taken down (the port refuses connections), answer
 * errors, or answer slowly. It logs what it accepted: 2xx answers, and slow requests when they arrive,
 * since a slow receiver does the work even when the sender gives up waiting (that is how duplicates
 * happen in real life).
 */
export class ChaosReceiver {
  private server: Server | undefined;
  private behaviour: ReceiverBehaviour = { kind: 'ok' };

  constructor(
    readonly webhook: string,
    readonly port: number,
    private readonly accepted: AcceptedDelivery[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/${this.webhook}`;
  }

  behave(behaviour: ReceiverBehaviour): void {
    this.behaviour = behaviour;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => void this.handle(request, response));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Stops listening and cuts every open connection, as a crashed or redeployed receiver would. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const behaviour = this.behaviour;
    if (behaviour.kind === 'error') {
      response.writeHead(behaviour.status).end();
      return;
    }
    const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { id: number } };
    this.accepted.push({
      webhook: this.webhook,
      reportId: envelope.data.id,
      webhookId: String(request.headers['webhook-id']),
      atMs: Date.now(),
    });
    if (behaviour.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (!response.destroyed) response.writeHead(204).end();
  }
}
