import { plaintextKafka, type KafkaConnection } from '@validity/platform/config';
import { ensureTopics, warmUpBroker } from '@validity/platform/kafka';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureKafkaJars, startKafkaBroker } from './kafka-broker';

export interface InfrastructureOptions {
  /** Where data and logs live (`.stack/` for `npm start`, `.stack/test` for tests). */
  stackDir: string;
  /** The stack dir whose `kafka/lib` holds the broker jars, shared by every stack so they are fetched once. */
  jarsStackDir: string;
  kafkaPort: number;
  postgresPort: number;
  /** Use these instead of starting anything (the user's own cluster / database). */
  kafkaBrokers?: string;
  /** TLS / SASL of the cluster at `kafkaBrokers` (`KAFKA_TLS*`, `KAFKA_SASL_*`); the bundled broker has neither. */
  kafkaSecurity?: Pick<KafkaConnection, 'tls' | 'sasl'>;
  databaseUrl?: string;
  log: (line: string) => void;
}

export interface RunningInfrastructure {
  kafkaBrokers: string;
  /** How to reach that Kafka, TLS and SASL included. */
  kafka: KafkaConnection;
  databaseUrl: string;
  versions: { kafka: string; postgres: string };
  stop(): Promise<void>;
}

/** Kafka and PostgreSQL for the stack or a test run: started here unless the caller points at its own. */
export async function startInfrastructure(options: InfrastructureOptions): Promise<RunningInfrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    let databaseUrl = options.databaseUrl;
    let postgresVersion = 'external';
    if (!databaseUrl) {
      options.log(
        `Starting PostgreSQL on port ${options.postgresPort} (data in ${options.stackDir}/postgres)...`,
      );
      const postgres = await startEmbeddedPostgres({
        stackDir: options.stackDir,
        port: options.postgresPort,
        progress: options.log,
      });
      stops.push(postgres.stop);
      databaseUrl = postgres.databaseUrl;
      postgresVersion = postgres.version;
      options.log(`PostgreSQL ${postgres.version} on 127.0.0.1:${options.postgresPort}`);
    }

    let kafkaBrokers = options.kafkaBrokers;
    let kafkaVersion = 'external';
    if (!kafkaBrokers) {
      const libDir = await ensureKafkaJars(options.jarsStackDir, options.log);
      options.log(`Starting Kafka on port ${options.kafkaPort} (data in ${options.stackDir}/kafka)...`);
      const broker = await startKafkaBroker({
        stackDir: options.stackDir,
        libDir,
        port: options.kafkaPort,
        log: options.log,
      });
      stops.push(broker.stop);
      kafkaBrokers = broker.brokers;
      kafkaVersion = broker.version;
      options.log(`Kafka ${broker.version} on ${broker.brokers}`);
    }

    options.log('Creating topics and warming up the broker...');
    const kafka: KafkaConnection =
      options.kafkaBrokers && options.kafkaSecurity
        ? { brokers: kafkaBrokers, ...options.kafkaSecurity }
        : plaintextKafka(kafkaBrokers);
    await ensureTopics(kafka);
    await warmUpBroker(kafka);
    return {
      kafkaBrokers,
      kafka,
      databaseUrl,
      versions: { kafka: kafkaVersion, postgres: postgresVersion },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
