import { cpus, release, totalmem } from 'node:os';

/** Where the numbers were measured (benchmarks, fault runs), written next to them. */
export function machineInfo(versions: { kafka: string; postgres: string }): Record<string, string | number> {
  const processors = cpus();
  return {
    cpus: processors.length,
    cpu_model: processors[0]?.model ?? 'unknown',
    memory_gib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    kafka: versions.kafka,
    postgres: versions.postgres,
  };
}
