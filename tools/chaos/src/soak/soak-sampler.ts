import { readFile } from 'node:fs/promises';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Client } from 'pg';
import type { SoakSample } from './soak-verdict';

export interface SampledService {
  name: string;
  port: number;
  pid: () => number | undefined;
}

const DISPATCHER_GROUP = 'dispatcher';

/** Takes the soak's samples: every service's RSS and event-loop p99, PostgreSQL's sizes, consumer lag. */
export class SoakSampler {
  private constructor(
    private readonly services: readonly SampledService[],
    private readonly database: Client,
    private readonly admin: Admin,
  ) {}

  static async open(
    services: readonly SampledService[],
    databaseUrl: string,
    brokers: string,
  ): Promise<SoakSampler> {
    const database = new Client({ connectionString: databaseUrl });
    // A stopping stack ends this connection (57P01); the next sample's query fails on its own, the process must not.
    database.on('error', () => undefined);
    await database.connect();
    const admin = new Kafka({
      clientId: 'soak-sampler',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    return new SoakSampler(services, database, admin);
  }

  async sample(tS: number, windowLatencies: number[], eventsConfirmed: number): Promise<SoakSample> {
    const rss: Record<string, number> = {};
    const loop: Record<string, number> = {};
    for (const service of this.services) {
      rss[service.name] = await residentMib(service.pid());
      loop[service.name] = await eventLoopP99Ms(service.port);
    }
    const sizes = await this.database.query<{ tables: string; indexes: string }>(
      `SELECT coalesce(sum(pg_table_size(c.oid)), 0) AS tables, coalesce(sum(pg_indexes_size(c.oid)), 0) AS indexes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`,
    );
    const sorted = [...windowLatencies].sort((a, b) => a - b);
    return {
      t_s: tS,
      rss_mib: rss,
      event_loop_p99_ms: loop,
      postgres_table_mib: mib(Number(sizes.rows[0].tables)),
      postgres_index_mib: mib(Number(sizes.rows[0].indexes)),
      consumer_lag: await this.consumerLag(),
      delivery_p99_ms: sorted.length === 0 ? null : sorted[Math.ceil(0.99 * sorted.length) - 1],
      events_confirmed: eventsConfirmed,
    };
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
    await this.database.end();
  }

  /** Records on the dispatcher group's topics past its committed offsets. */
  private async consumerLag(): Promise<number> {
    try {
      const committed = await this.admin.fetchOffsets({ groupId: DISPATCHER_GROUP });
      let lag = 0;
      for (const { topic, partitions } of committed) {
        const ends = await this.admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const at = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
          lag += Math.max(0, Number(end.high) - Math.max(at, Number(end.low)));
        }
      }
      return lag;
    } catch {
      return -1;
    }
  }
}

async function residentMib(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return Math.round((kib / 1024) * 10) / 10;
}

/** prom-client's default `nodejs_eventloop_lag_p99_seconds` from the service's `/metrics`. */
async function eventLoopP99Ms(port: number): Promise<number> {
  try {
    const text = await (
      await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) })
    ).text();
    const value = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([\d.e+-]+)$/m.exec(text)?.[1];
    return value === undefined ? -1 : Math.round(Number(value) * 10_000) / 10;
  } catch {
    return -1;
  }
}

function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 100) / 100;
}
