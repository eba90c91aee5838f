import { IsIn, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Keys every service reads. Apps extend this class with their own keys. */
export class PlatformEnv {
  /** PostgreSQL connection string; `npm start` and the tests set it to their own server. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** Comma-separated Kafka bootstrap servers. */
  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  /** Bind address of the HTTP server. */
  @IsString()
  HOST: string = '127.0.0.1';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: LogLevel = 'info';

  /** API token of user `admin` (40 lower-case hex); every service accepts it from its first request. */
  @IsOptional()
  @Matches(/^[0-9a-f]{40}$/, { message: 'ADMIN_TOKEN must be 40 lower-case hex characters' })
  ADMIN_TOKEN?: string;
}
