import 'reflect-metadata';
import {
  Logger,
  type DynamicModule,
  type INestApplication,
  type LogLevel as NestLogLevel,
} from '@nestjs/common';
import type { LogLevel } from '@validity/platform/config';
import { NestFactory } from '@nestjs/core';

export interface ServiceAddress {
  name: string;
  host: string;
  port: number;
  logLevel: LogLevel;
}

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
};

/** Boots a service's Nest app; SIGINT/SIGTERM close it so consumers commit and connections drain. */
export async function bootstrapService(
  rootModule: DynamicModule,
  address: ServiceAddress,
): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { logger: NEST_LEVELS[address.logLevel] });
  app.enableShutdownHooks();
  await app.listen(address.port, address.host);
  new Logger(address.name).log(`listening on http://${address.host}:${address.port}`);
  return app;
}
