import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Toxiproxy (Shopify's TCP fault proxy), pinned. Built from its Go module with `go install`, so it comes
 * through the Go module proxy like any Go dependency: no prebuilt binary is downloaded from a vendor site.
 */
export const TOXIPROXY_MODULE = 'github.com/Shopify/toxiproxy/v2/cmd/server';
export const TOXIPROXY_VERSION = 'v2.12.0';

/** A toxic as Toxiproxy's API takes it (`latency`, `bandwidth`, `timeout`, `reset_peer`, ...). */
export interface Toxic {
  name: string;
  type: 'latency' | 'bandwidth' | 'timeout' | 'reset_peer' | 'slow_close' | 'limit_data';
  stream: 'upstream' | 'downstream';
  attributes: Record<string, number>;
}

/**
 * Builds the pinned server into `<toolsDir>/toxiproxy-<version>/` once (about two minutes on a fresh Go
 * cache, then reused) and returns the binary's path.
 */
export async function ensureToxiproxy(toolsDir: string, log: (line: string) => void): Promise<string> {
  const dir = join(toolsDir, `toxiproxy-${TOXIPROXY_VERSION}`);
  const binary = join(dir, 'toxiproxy-server');
  if (existsSync(binary)) return binary;
  const building = `${dir}.tmp-${process.pid}`;
  await mkdir(building, { recursive: true });
  log(`building Toxiproxy ${TOXIPROXY_VERSION} with go install into ${dir} ...`);
  try {
    await run('go', ['install', `${TOXIPROXY_MODULE}@${TOXIPROXY_VERSION}`], {
      ...process.env,
      GOBIN: building,
      // Module mode whatever the caller's shell says: the pinned version, checked against go.sum's database.
      GO111MODULE: 'on',
    });
    await rm(dir, { recursive: true, force: true });
    await rename(join(building, 'server'), join(building, 'toxiproxy-server'));
    await rename(building, dir);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return binary;
}

/** A running toxiproxy-server and its HTTP API: proxies in front of Kafka and PostgreSQL, toxics on them. */
export class ToxiproxyServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly api: string,
  ) {}

  static async start(binary: string, apiPort: number): Promise<ToxiproxyServer> {
    const child = spawn(binary, ['-host', '127.0.0.1', '-port', String(apiPort)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000)));
    const server = new ToxiproxyServer(child, `http://127.0.0.1:${apiPort}`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`toxiproxy-server exited: ${output}`);
      try {
        const answer = await fetch(`${server.api}/version`);
        if (answer.ok) return server;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`toxiproxy-server did not answer on ${apiPort}: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A proxy listening on `listenPort` that forwards to `upstreamPort`, both on 127.0.0.1. */
  async createProxy(name: string, listenPort: number, upstreamPort: number): Promise<void> {
    await this.call('POST', '/proxies', {
      name,
      listen: `127.0.0.1:${listenPort}`,
      upstream: `127.0.0.1:${upstreamPort}`,
      enabled: true,
    });
  }

  async addToxic(proxy: string, toxic: Toxic): Promise<void> {
    await this.call('POST', `/proxies/${proxy}/toxics`, { ...toxic, toxicity: 1 });
  }

  async removeToxic(proxy: string, toxic: string): Promise<void> {
    await this.call('DELETE', `/proxies/${proxy}/toxics/${toxic}`);
  }

  /** Disabling a proxy closes its connections and refuses new ones; enabling it listens again. */
  async setEnabled(proxy: string, enabled: boolean): Promise<void> {
    await this.call('POST', `/proxies/${proxy}`, { enabled });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async call(method: string, path: string, body?: unknown): Promise<void> {
    const answer = await fetch(`${this.api}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`toxiproxy ${method} ${path}: ${answer.status} ${await answer.text()}`);
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) =>
      reject(new Error(`cannot run ${command} (Go is needed for the network faults): ${error.message}`)),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}
