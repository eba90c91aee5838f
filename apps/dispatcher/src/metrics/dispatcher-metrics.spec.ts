import { DispatcherMetrics } from './dispatcher-metrics';

describe('DispatcherMetrics', () => {
  it('labels outcome counts and attempt durations with the webhook id', async () => {
    const metrics = new DispatcherMetrics();
    metrics.deliveries.inc({ webhook_id: '3', outcome: 'delivered' });
    metrics.deliveries.inc({ webhook_id: '3', outcome: 'delivered' });
    metrics.deliveries.inc({ webhook_id: '4', outcome: 'retrying' });
    metrics.attemptDuration.observe({ webhook_id: '3' }, 0.02);

    const text = await metrics.registry.metrics();
    expect(text).toContain('validity_dispatcher_deliveries_total{webhook_id="3",outcome="delivered"} 2');
    expect(text).toContain('validity_dispatcher_deliveries_total{webhook_id="4",outcome="retrying"} 1');
    expect(text).toContain(
      'validity_dispatcher_attempt_duration_seconds_bucket{le="0.025",webhook_id="3"} 1',
    );
  });

  it("forgets a webhook's series, and only that webhook's", async () => {
    const metrics = new DispatcherMetrics();
    metrics.deliveries.inc({ webhook_id: '3', outcome: 'delivered' });
    metrics.deliveries.inc({ webhook_id: '3', outcome: 'retrying' });
    metrics.deliveries.inc({ webhook_id: '3', outcome: 'failed' });
    metrics.attemptDuration.observe({ webhook_id: '3' }, 0.02);
    metrics.deliveries.inc({ webhook_id: '4', outcome: 'delivered' });
    metrics.attemptDuration.observe({ webhook_id: '4' }, 0.02);

    metrics.forgetWebhook(3);

    const text = await metrics.registry.metrics();
    expect(text).not.toContain('webhook_id="3"');
    expect(text).toContain('validity_dispatcher_deliveries_total{webhook_id="4",outcome="delivered"} 1');
    expect(text).toContain('validity_dispatcher_attempt_duration_seconds_count{webhook_id="4"} 1');
  });

  it('reads gauges at scrape time, forgets series that went away, and survives an unreachable source', async () => {
    const metrics = new DispatcherMetrics();
    let circuits: Array<[Record<string, string>, number]> = [
      [{ webhook_id: '1' }, 2],
      [{ webhook_id: '2' }, 0],
    ];
    metrics.gauge('circuit_state', 'Circuit per webhook.', ['webhook_id'], () => Promise.resolve(circuits));
    metrics.gauge('lag', 'Unreachable.', [], () => Promise.reject(new Error('broker down')));

    expect(await metrics.registry.metrics()).toContain('circuit_state{webhook_id="1"} 2');
    circuits = [[{ webhook_id: '2' }, 1]];
    const text = await metrics.registry.metrics();
    expect(text).toContain('circuit_state{webhook_id="2"} 1');
    expect(text).not.toContain('webhook_id="1"');
    expect(text).toContain('# TYPE lag gauge');
  });
});
