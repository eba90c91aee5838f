/** Connection settings the global setup put into the environment for this test run. */
export function testInfrastructure(): { kafkaBrokers: string; databaseUrl: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!kafkaBrokers || !databaseUrl) {
    throw new Error(
      'KAFKA_BROKERS / DATABASE_URL missing: run integration specs through jest (global setup)',
    );
  }
  return { kafkaBrokers, databaseUrl };
}
