import 'reflect-metadata';
import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export interface ServiceAddress {
  name: string;
  host: string;
  port: number;
}

/** Boots a service's Nest app; SIGINT/SIGTERM close it so consumers commit and connections drain. */
export async function bootstrapService(rootModule: DynamicModule, address: ServiceAddress): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.listen(address.port, address.host);
  new Logger(address.name).log(`listening on http://${address.host}:${address.port}`);
  return app;
}
