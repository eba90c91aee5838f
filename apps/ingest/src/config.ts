import { IsInt, Max, Min } from 'class-validator';
import { loadEnv, PlatformEnv, toServiceConfig, type ServiceConfig } from '@validity/platform/config';

/** Environment of the ingest service, the NetBox hub (documented in .env.example). */
export class IngestEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  INGEST_PORT: number = 8004;

  /** Largest NetBox request body taken in (Django's own `DATA_UPLOAD_MAX_MEMORY_SIZE` is 2.5 MB). */
  @IsInt()
  @Min(1024)
  @Max(32 * 1024 * 1024)
  INGEST_BODY_LIMIT_BYTES: number = 2_621_440;

  /** Sustained webhook requests per second taken from one source; more are answered 429. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  INGEST_RATE_PER_SECOND: number = 100;

  /** Requests one source may send at once above its rate (a bulk edit in NetBox sends one per object). */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  INGEST_RATE_BURST: number = 1_000;

  /** How long a request's digest is kept: the same body from the same source within it is published once. */
  @IsInt()
  @Min(60)
  @Max(30 * 86_400)
  INGEST_DEDUP_WINDOW_SECONDS: number = 86_400;

  /** How long a request waits for Kafka's acknowledgement before it is answered 503 (NetBox retries). */
  @IsInt()
  @Min(100)
  @Max(120_000)
  INGEST_PUBLISH_TIMEOUT_MS: number = 10_000;
}

export interface IngestSettings {
  bodyLimitBytes: number;
  ratePerSecond: number;
  rateBurst: number;
  dedupWindowSeconds: number;
  publishTimeoutMs: number;
}

export interface IngestConfig extends ServiceConfig {
  ingest: IngestSettings;
}

export const INGEST_SETTINGS = Symbol('INGEST_SETTINGS');

/** The ingest service's database schema, which every feature's store writes in. */
export const INGEST_SCHEMA = Symbol('INGEST_SCHEMA');

export function loadIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const values = loadEnv(IngestEnv, env);
  return Object.freeze({
    ...toServiceConfig('ingest', 'ingest', values.INGEST_PORT, values),
    ingest: Object.freeze({
      bodyLimitBytes: values.INGEST_BODY_LIMIT_BYTES,
      ratePerSecond: values.INGEST_RATE_PER_SECOND,
      rateBurst: values.INGEST_RATE_BURST,
      dedupWindowSeconds: values.INGEST_DEDUP_WINDOW_SECONDS,
      publishTimeoutMs: values.INGEST_PUBLISH_TIMEOUT_MS,
    }),
  });
}
