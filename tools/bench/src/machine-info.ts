import { cpus, totalmem, release } from 'node:os';
import type { BenchStack } from './bench-stack';

/** Where the numbers were measured, written next to them. */
export function machineInfo(stack: BenchStack): Record<string, string | number> {
  const processors = cpus();
  return {
    cpus: processors.length,
    cpu_model: processors[0]?.model ?? 'unknown',
    memory_gib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    kafka: stack.versions.kafka,
    postgres: stack.versions.postgres,
  };
}
