import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A small real forward proxy on 127.0.0.1 that speaks HTTP CONNECT (the tunnel HTTPS clients open
 * through a corporate proxy): it records each tunnel's target (`host:port`, as the client asked for
 * it), pipes bytes both ways, and never sees inside TLS.
 */
export class ConnectProxy {
  /** `host:port` of every CONNECT request, in order. */
  readonly tunnels: string[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ConnectProxy> {
    const server = createServer((request, response) => {
      // Plain proxying (absolute-form requests) is not needed by the tests: tunnels only.
      response.writeHead(405).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const proxy = new ConnectProxy(server, `http://127.0.0.1:${port}`);
    server.on('connect', (request, client: Socket, head: Buffer) =>
      proxy.tunnel(request.url ?? '', client, head),
    );
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tunnel(target: string, client: Socket, head: Buffer): void {
    this.tunnels.push(target);
    const separator = target.lastIndexOf(':');
    const host = target.slice(0, separator).replace(/^\[(.*)\]$/, '$1');
    const upstream = connect(Number(target.slice(separator + 1)), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }
}
