import { sumOfMetric } from './prometheus-text';

describe('sumOfMetric', () => {
  it('adds every label set of the metric and ignores metrics that only share a prefix', () => {
    const text = [
      '# HELP validity_dispatcher_consumer_lag_records Lag.',
      'validity_dispatcher_consumer_lag_records{topic="a",partition="0"} 3',
      'validity_dispatcher_consumer_lag_records{topic="b",partition="0"} 4',
      'validity_dispatcher_consumer_lag_records_total 100',
      'validity_dispatcher_open_circuits 1',
    ].join('\n');
    expect(sumOfMetric(text, 'validity_dispatcher_consumer_lag_records')).toBe(7);
    expect(sumOfMetric(text, 'validity_dispatcher_open_circuits')).toBe(1);
    expect(sumOfMetric(text, 'missing')).toBeNull();
  });
});
