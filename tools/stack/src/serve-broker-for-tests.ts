import { join } from 'node:path';
import { ensureKafkaJars, startKafkaBroker } from './kafka-broker';

/**
 * Child process for a spec that needs a Kafka broker of its own (`startPausableKafkaBroker` in
 * libs/testing): starts one on the port and data directory given as arguments, prints one JSON line
 * `{brokers, pid}`, and stops it on SIGTERM or when the parent's pipe closes.
 */
async function main(): Promise<void> {
  const [port, stackDir] = process.argv.slice(2);
  const repoRoot = join(__dirname, '..', '..', '..');
  const log = (line: string) => process.stderr.write(`[spec-broker] ${line}\n`);
  const libDir = await ensureKafkaJars(join(repoRoot, '.stack'), log);
  const broker = await startKafkaBroker({ stackDir, libDir, port: Number(port), log });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    broker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ brokers: broker.brokers, pid: broker.pid })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
