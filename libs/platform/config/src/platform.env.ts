import { IsIn, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH } from '@validity/contracts';
import { KafkaEnv } from './kafka.env';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The NetBox generations the API can speak (`NETBOX_API_VERSION`); 3.6 is the default. */
export const NETBOX_API_VERSIONS = ['3.6', '4.6'] as const;
export type NetBoxApiVersion = (typeof NETBOX_API_VERSIONS)[number];

/** Keys every service reads. Apps extend this class with their own keys. */
export class PlatformEnv extends KafkaEnv {
  /** PostgreSQL connection string; `npm start` and the tests set it to their own server. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** Bind address of the HTTP server. */
  @IsString()
  HOST: string = '127.0.0.1';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: LogLevel = 'info';

  /**
   * The NetBox the whole API speaks: `3.6` (webhooks with their own triggers) or `4.6` (webhooks plus
   * `/api/extras/event-rules/`, NetBox 4.6's delivery body). Every service reads it; the stored data is
   * the same in both.
   */
  @IsIn(NETBOX_API_VERSIONS, {
    message: `NETBOX_API_VERSION must be one of ${NETBOX_API_VERSIONS.join(', ')}`,
  })
  NETBOX_API_VERSION: NetBoxApiVersion = '3.6';

  /** API token of user `admin` (40 lower-case hex); every service accepts it from its first request. */
  @IsOptional()
  @Matches(/^[0-9a-f]{40}$/, { message: 'ADMIN_TOKEN must be 40 lower-case hex characters' })
  ADMIN_TOKEN?: string;

  /**
   * Key of the HMAC on the internal topics (`users.tokens`, `webhook-registry.webhooks`); the same for
   * every service and known to nothing else. Optional here so `db:migrate` runs without it; a service
   * refuses to start without it.
   */
  @IsOptional()
  @IsString()
  @MinLength(INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH, {
    message: `INTERNAL_TOPIC_HMAC_KEY must be at least ${INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH} characters`,
  })
  INTERNAL_TOPIC_HMAC_KEY?: string;
}
