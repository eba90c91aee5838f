import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { ConsumerLagRegistry, InternalRecordAuthenticator, KAFKA } from '@validity/platform/kafka';
import { TokenAuthGuard } from './token-auth.guard';
import { TokenDirectory } from './token-directory';
import { TokenDirectoryProjection } from './token-directory.projection';

export interface AuthOptions {
  serviceName: string;
  /** `ADMIN_TOKEN`: accepted from the first request, whatever the topic holds. */
  adminToken: string | undefined;
}

/** Token authentication for a service: its own copy of the token directory and a global guard. */
@Module({})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(TokenDirectoryProjection) private readonly projection: TokenDirectoryProjection) {}

  static forService(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenDirectory, useValue: new TokenDirectory(options.adminToken) },
        {
          provide: TokenDirectoryProjection,
          inject: [KAFKA, TokenDirectory, InternalRecordAuthenticator, ConsumerLagRegistry],
          useFactory: async (
            kafka: Kafka,
            directory: TokenDirectory,
            authenticator: InternalRecordAuthenticator,
            lag: ConsumerLagRegistry,
          ) => {
            const projection = new TokenDirectoryProjection(
              kafka,
              directory,
              options.serviceName,
              authenticator,
            );
            lag.register(`${options.serviceName}-tokens`, () => projection.lag());
            await projection.start();
            return projection;
          },
        },
        { provide: APP_GUARD, useClass: TokenAuthGuard },
      ],
      exports: [TokenDirectory],
    };
  }

  onApplicationShutdown(): Promise<void> {
    return this.projection.stop();
  }
}
