import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import {
  DEAD_LETTER_TOPIC,
  DestinationPolicy,
  TOPICS,
  WEBHOOK_COMMANDS_TOPIC,
  WEBHOOK_DEFINITIONS_TOPIC,
} from '@validity/contracts';
import {
  IsNetworkList,
  loadEnv,
  PlatformEnv,
  toServiceConfig,
  type ServiceConfig,
} from '@validity/platform/config';
import type { OutboundProxy } from './sending/webhook-sender';

/** Svix's schedule: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, i.e. 8 attempts over ~27.6 h. */
const DEFAULT_RETRY_SCHEDULE = '5,300,1800,7200,18000,36000,36000';

/** Every public event topic: the dispatcher delivers whatever outside consumers may see. */
const PUBLIC_EVENT_TOPICS = TOPICS.filter((topic) => topic.public).map((topic) => topic.name);

/** Environment of the dispatcher service (documented in .env.example). */
export class DispatcherEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  DISPATCHER_PORT: number = 8003;

  /** PostgreSQL schema of deliveries and attempts; a second dispatcher deployment on one database takes another. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DISPATCHER_SCHEMA must be a lower-case SQL identifier' })
  DISPATCHER_SCHEMA: string = 'dispatcher';

  /** Kafka consumer group; instances in one group split the partitions between them. */
  @IsString()
  @IsNotEmpty()
  DISPATCHER_CONSUMER_GROUP: string = 'dispatcher';

  /** Comma-separated event topics to deliver; isolates a dispatcher on a shared cluster (tests, staging). */
  @Matches(/^[\w.-]+(,[\w.-]+)*$/, { message: 'DISPATCHER_EVENT_TOPICS must be comma-separated topic names' })
  DISPATCHER_EVENT_TOPICS: string = PUBLIC_EVENT_TOPICS.join(',');

  /** The compacted topic of full webhook definitions the dispatcher's webhook view is built from. */
  @Matches(/^[\w.-]+$/, { message: 'DISPATCHER_WEBHOOKS_TOPIC must be a topic name' })
  DISPATCHER_WEBHOOKS_TOPIC: string = WEBHOOK_DEFINITIONS_TOPIC;

  /** Seconds to wait before each retry; the number of entries is the number of retries (empty: none). */
  @Matches(/^(\d+(,\d+)*)?$/, { message: 'DELIVERY_RETRY_SCHEDULE must be comma-separated whole seconds' })
  DELIVERY_RETRY_SCHEDULE: string = DEFAULT_RETRY_SCHEDULE;

  /** Refuse receivers on private, loopback and reserved addresses (after DNS resolution). */
  // From the raw text: implicit conversion would read the string "false" as true.
  @Transform(({ obj, key, value }) => {
    const raw = (obj as Record<string, unknown>)[key];
    return raw === 'true' ? true : raw === 'false' ? false : raw === undefined ? value : raw;
  })
  @IsBoolean({ message: 'DELIVERY_BLOCK_PRIVATE must be true or false' })
  DELIVERY_BLOCK_PRIVATE: boolean = false;

  /** CIDR networks receivers may be on whatever the private and link-local/metadata rules say. */
  @IsNetworkList()
  DELIVERY_ALLOW_NETWORKS: string = '';

  /** Requests in flight at once, over all webhooks. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  DELIVERY_CONCURRENCY: number = 200;

  /** Requests in flight at once to one webhook, so a slow receiver holds at most this many. */
  @IsInt()
  @Min(1)
  @Max(1_000)
  DELIVERY_CONCURRENCY_PER_WEBHOOK: number = 10;

  /** Days attempts and finished deliveries stay in the delivery log. */
  @IsInt()
  @Min(1)
  @Max(3_650)
  DELIVERY_LOG_RETENTION_DAYS: number = 30;

  /** Proxy URL for `http://` receivers (NetBox's `HTTP_PROXIES["http"]`); empty: direct. */
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'DELIVERY_HTTP_PROXY must be an http:// or https:// URL' })
  DELIVERY_HTTP_PROXY: string = '';

  /** Proxy URL for `https://` receivers, reached through a CONNECT tunnel; empty: direct. */
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'DELIVERY_HTTPS_PROXY must be an http:// or https:// URL' })
  DELIVERY_HTTPS_PROXY: string = '';

  /** Receivers reached without the proxies: comma-separated hosts, `host:port`, `.domain` or `*`. */
  @IsString()
  NO_PROXY: string = '';
  /** Seconds every attempt to a webhook may fail before it is disabled (0: never; 410 Gone still does). */
  @IsInt()
  @Min(0)
  @Max(315_360_000)
  WEBHOOK_AUTO_DISABLE_AFTER: number = 432_000;
}

export interface DeliverySettings {
  retryScheduleSeconds: readonly number[];
  blockPrivateAddresses: boolean;
  /** Networks allowed past the destination policy; absent is none. */
  allowNetworks?: readonly string[];
  concurrency: number;
  concurrencyPerWebhook: number;
  logRetentionDays: number;
  /** `NETBOX_API_VERSION`: `4.6` sends NetBox 4.6's event-rule body (see `netbox46Body`); absent is 3.6. */
  netboxApiVersion?: '3.6' | '4.6';
  /** Outbound proxies; absent when neither proxy variable is set. */
  proxy?: OutboundProxy;
  /** Issue 18: seconds of failing attempts before a webhook is disabled (0: never); default 5 days. */
  autoDisableAfterSeconds?: number;
}

export interface DispatcherTopics {
  events: readonly string[];
  webhookDefinitions: string;
  deadLetter: string;
  /** Where disable commands go (`webhook-registry.commands` unless a test isolates it). */
  webhookCommands?: string;
}

export interface DispatcherConfig extends ServiceConfig {
  consumerGroup: string;
  topics: DispatcherTopics;
  delivery: DeliverySettings;
}

export const DISPATCHER_CONFIG = Symbol('DISPATCHER_CONFIG');

export function loadDispatcherConfig(env: NodeJS.ProcessEnv = process.env): DispatcherConfig {
  const values = loadEnv(DispatcherEnv, env);
  return Object.freeze({
    ...toServiceConfig('dispatcher', values.DISPATCHER_SCHEMA, values.DISPATCHER_PORT, values),
    consumerGroup: values.DISPATCHER_CONSUMER_GROUP,
    topics: {
      events: values.DISPATCHER_EVENT_TOPICS.split(','),
      webhookDefinitions: values.DISPATCHER_WEBHOOKS_TOPIC,
      deadLetter: DEAD_LETTER_TOPIC,
      webhookCommands: WEBHOOK_COMMANDS_TOPIC,
    },
    delivery: {
      retryScheduleSeconds:
        values.DELIVERY_RETRY_SCHEDULE === '' ? [] : values.DELIVERY_RETRY_SCHEDULE.split(',').map(Number),
      blockPrivateAddresses: values.DELIVERY_BLOCK_PRIVATE,
      allowNetworks: DestinationPolicy.parseNetworkList(values.DELIVERY_ALLOW_NETWORKS) ?? [],
      concurrency: values.DELIVERY_CONCURRENCY,
      concurrencyPerWebhook: values.DELIVERY_CONCURRENCY_PER_WEBHOOK,
      logRetentionDays: values.DELIVERY_LOG_RETENTION_DAYS,
      netboxApiVersion: values.NETBOX_API_VERSION,
      ...(values.DELIVERY_HTTP_PROXY || values.DELIVERY_HTTPS_PROXY
        ? {
            proxy: {
              http: values.DELIVERY_HTTP_PROXY || null,
              https: values.DELIVERY_HTTPS_PROXY || null,
              noProxy: values.NO_PROXY,
            },
          }
        : {}),
      autoDisableAfterSeconds: values.WEBHOOK_AUTO_DISABLE_AFTER,
    },
  });
}
