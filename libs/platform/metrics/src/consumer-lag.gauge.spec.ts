import { ConsumerLagRegistry } from '@validity/platform/kafka';
import { registerConsumerLagGauge } from './consumer-lag.gauge';
import { ServiceMetrics } from './service-metrics';

describe('validity_kafka_consumer_lag_records', () => {
  it("shows every registered consumer's lag per partition at scrape time, and only current values", async () => {
    const metrics = new ServiceMetrics('reports');
    const consumers = new ConsumerLagRegistry();
    registerConsumerLagGauge(metrics.registry, consumers);
    let tokensLag = 4;
    consumers.register('reports-tokens', () =>
      Promise.resolve([{ topic: 'users.tokens', partition: 0, records: tokensLag }]),
    );
    const unregister = consumers.register('reports-relay-check', () =>
      Promise.resolve([
        { topic: 'a', partition: 0, records: 1 },
        { topic: 'a', partition: 1, records: 2 },
      ]),
    );

    let text = await metrics.registry.metrics();
    expect(text).toContain(
      'validity_kafka_consumer_lag_records{consumer="reports-tokens",topic="users.tokens",partition="0",service="reports"} 4',
    );
    expect(text).toContain(
      'validity_kafka_consumer_lag_records{consumer="reports-relay-check",topic="a",partition="1",service="reports"} 2',
    );

    tokensLag = 0;
    unregister();
    text = await metrics.registry.metrics();
    expect(text).toContain(
      'validity_kafka_consumer_lag_records{consumer="reports-tokens",topic="users.tokens",partition="0",service="reports"} 0',
    );
    expect(text).not.toContain('reports-relay-check');
  });
});
