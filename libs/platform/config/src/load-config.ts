import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/** Raised at start-up when the environment does not satisfy an app's env class; lists every bad key. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidConfigError';
  }
}

/**
 * Reads the environment into an app's documented env class, validates it, and returns it frozen.
 * Each app calls this once in its own `config.ts`; nothing else reads `process.env`.
 */
export function loadEnv<T extends object>(
  envClass: ClassConstructor<T>,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<T> {
  const values = plainToInstance(
    envClass,
    { ...env },
    { enableImplicitConversion: true, exposeDefaultValues: true },
  );
  const errors = validateSync(values, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidConfigError(
      errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`),
    );
  }
  return Object.freeze(values);
}
