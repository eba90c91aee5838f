import type { Server } from 'node:http';
import 'reflect-metadata';
import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import type { LogLevel, NetBoxApiVersion } from '@validity/platform/config';
import { accessLog, createServiceLogger, PinoNestLogger, setProcessLogger } from '@validity/platform/logging';
import { httpMetrics, ServiceMetrics } from '@validity/platform/metrics';
import {
  applyNetBoxConventions,
  requestIdOf,
  type NetBoxConventionsOptions,
} from '@validity/platform/netbox-api';
import { NestFactory } from '@nestjs/core';
import { answerMalformedRequests } from './answer-malformed-requests';
import { serveOpenApiDocument } from './openapi-document';

export interface ServiceAddress {
  name: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** The NetBox the API speaks (`NETBOX_API_VERSION`); 3.6 when absent. */
  netboxApiVersion?: NetBoxApiVersion;
}

export interface BootstrapOptions extends NetBoxConventionsOptions {
  /** Paths that serve the service's own OpenAPI document besides `/openapi.json`. */
  schemaPaths?: readonly string[];
  /** Last wiring before the app listens (e.g. the gateway's Swagger UI). */
  beforeListen?: (app: INestApplication) => void;
}

/**
 * Boots a service's Nest app speaking NetBox 3.6 REST, down to requests Node's HTTP parser refuses
 * (`answerMalformedRequests`). SIGINT/SIGTERM close it, so consumers commit and connections drain
 * before the process exits.
 */
/** Longer than any client pool we run keeps idle sockets (the gateway's: 30 s). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function bootstrapService(
  rootModule: DynamicModule,
  address: ServiceAddress,
  options: BootstrapOptions = {},
): Promise<INestApplication> {
  // One JSON log format for Nest, kafkajs and the access log (see createServiceLogger).
  const logger = createServiceLogger({ service: address.name, level: address.logLevel });
  setProcessLogger(logger);
  // NetBox's lenient JSON parser replaces Nest's own (see applyNetBoxConventions).
  const app = await NestFactory.create(rootModule, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  const server = app.getHttpServer() as Server;
  answerMalformedRequests(server);
  // Idle keep-alive connections stay open longer than the gateway's pool keeps them (see
  // upstreamProxy), so the gateway never sends a request on a socket this side is closing: with Node's
  // 5 s default the two raced and the gateway answered 502 after a pause (seen in `npm run bench`).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  applyNetBoxConventions(app, {
    apiVersion: address.netboxApiVersion,
    ...options,
    afterRequestContext: [
      accessLog(logger, requestIdOf),
      httpMetrics(app.get(ServiceMetrics, { strict: false })),
      ...(options.afterRequestContext ?? []),
    ],
  });
  serveOpenApiDocument(app, `Validity Events ${address.name}`, options.schemaPaths ?? ['/api/schema/']);
  options.beforeListen?.(app);
  app.enableShutdownHooks();
  await app.listen(address.port, address.host);
  new Logger(address.name).log(`listening on http://${address.host}:${address.port}`);
  return app;
}
