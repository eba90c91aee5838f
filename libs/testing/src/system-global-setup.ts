import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import globalSetup from './global-setup';
import { startStackProcess, type StartedStack } from './running-stack';
import { testPort } from './test-port';

declare global {
  var validitySystemStack: Promise<StartedStack> | undefined;
}

/** Ports of the stack the system tests share; apart from `npm start`'s so both can run at once. */
export const SYSTEM_STACK_PORTS = {
  GATEWAY_PORT: String(testPort(28000)),
  REPORTS_PORT: String(testPort(28001)),
  WEBHOOK_REGISTRY_PORT: String(testPort(28002)),
  DISPATCHER_PORT: String(testPort(28003)),
  INGEST_PORT: String(testPort(28004)),
};

const SYSTEM_ADMIN_TOKEN = 'a11ce5a11ce5a11ce5a11ce5a11ce5a11ce5a11c';

/**
 * The system tier's stack: every app started exactly as `npm start` starts them, on the run's Kafka and
 * PostgreSQL. Specs reach it through SYSTEM_API_URL and SYSTEM_ADMIN_TOKEN.
 */
export default async function systemGlobalSetup(): Promise<void> {
  await globalSetup();
  // Everything the stack prints, for the spec that checks no secret reaches a log.
  const logFile = `${process.cwd()}/.stack/test/system-stack.log`;
  mkdirSync(dirname(logFile), { recursive: true });
  globalThis.validitySystemStack ??= startStackProcess(
    {
      ...SYSTEM_STACK_PORTS,
      ADMIN_TOKEN: SYSTEM_ADMIN_TOKEN,
      STACK_DIR: `${process.cwd()}/.stack/test/system-stack`,
    },
    { logFile },
  );
  const stack = await globalThis.validitySystemStack;
  process.env.SYSTEM_STACK_LOG = logFile;
  process.env.SYSTEM_API_URL = stack.apiUrl;
  process.env.SYSTEM_ADMIN_TOKEN = stack.adminToken;
}
