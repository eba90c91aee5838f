import { MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry', () => {
  it('writes counters, histograms and scraped gauges in the Prometheus text format, skipping failed gauges', async () => {
    const registry = new MetricsRegistry();
    const attempts = registry.counter('attempts_total', 'Attempts by outcome.');
    const duration = registry.histogram('duration_seconds', 'Attempt duration.', [0.1, 1]);
    registry.gauge('backlog', 'Waiting deliveries.', () => Promise.resolve([[{ topic: 'a"b\\c' }, 3]]));
    registry.gauge('lag', 'Unreachable.', () => Promise.reject(new Error('broker down')));
    attempts.inc({ outcome: 'delivered' });
    attempts.inc({ outcome: 'delivered' });
    attempts.inc({ outcome: 'failed' }, 5);
    duration.observe(0.05);
    duration.observe(0.5);
    duration.observe(7);

    expect(await registry.render()).toBe(
      [
        '# HELP attempts_total Attempts by outcome.',
        '# TYPE attempts_total counter',
        'attempts_total{outcome="delivered"} 2',
        'attempts_total{outcome="failed"} 5',
        '# HELP duration_seconds Attempt duration.',
        '# TYPE duration_seconds histogram',
        'duration_seconds_bucket{le="0.1"} 1',
        'duration_seconds_bucket{le="1"} 2',
        'duration_seconds_bucket{le="+Inf"} 3',
        'duration_seconds_sum 7.55',
        'duration_seconds_count 3',
        '# HELP backlog Waiting deliveries.',
        '# TYPE backlog gauge',
        'backlog{topic="a\\"b\\\\c"} 3',
        '# HELP lag Unreachable.',
        '# TYPE lag gauge',
        '',
      ].join('\n'),
    );
  });
});
