import 'reflect-metadata';
import {
  Logger,
  type DynamicModule,
  type INestApplication,
  type LogLevel as NestLogLevel,
} from '@nestjs/common';
import type { LogLevel } from '@validity/platform/config';
import { applyNetBoxConventions, type NetBoxConventionsOptions } from '@validity/platform/netbox-api';
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

/**
 * Boots a service's Nest app speaking NetBox 3.6 REST. SIGINT/SIGTERM close it, so consumers commit and
 * connections drain before the process exits.
 */
export async function bootstrapService(
  rootModule: DynamicModule,
  address: ServiceAddress,
  conventions: NetBoxConventionsOptions = {},
): Promise<INestApplication> {
  // NetBox's lenient JSON parser replaces Nest's own (see applyNetBoxConventions).
  const app = await NestFactory.create(rootModule, {
    logger: NEST_LEVELS[address.logLevel],
    bodyParser: false,
  });
  applyNetBoxConventions(app, conventions);
  app.enableShutdownHooks();
  await app.listen(address.port, address.host);
  new Logger(address.name).log(`listening on http://${address.host}:${address.port}`);
  return app;
}
