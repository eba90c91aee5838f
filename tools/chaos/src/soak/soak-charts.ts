import { lineChart } from '../../../bench/src/svg-chart';
import type { SoakSample } from './soak-verdict';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];

/** The soak's two plots: every service's RSS, and delivery p99 with the consumer lag. */
export function soakCharts(samples: readonly SoakSample[]): { memory: string; latency: string } {
  // A label every five minutes (every minute on short runs): 360 labels would overlap.
  const every = samples.length > 90 ? 300 : 60;
  const categories = samples.map((sample) =>
    sample.t_s % every < 10 ? `${Math.round(sample.t_s / 60)}m` : '',
  );
  const services = Object.keys(samples[0]?.rss_mib ?? {});
  return {
    memory: lineChart({
      title: 'Soak: resident memory per service',
      xLabel: 'time since start',
      yLabel: 'RSS (MiB)',
      categories,
      series: services.map((service, index) => ({
        name: service,
        values: samples.map((sample) => sample.rss_mib[service] ?? null),
        color: COLORS[index % COLORS.length],
      })),
    }),
    latency: lineChart({
      title: 'Soak: delivery p99 (10 s windows) and consumer lag',
      xLabel: 'time since start',
      yLabel: 'ms / records',
      categories,
      series: [
        { name: 'p99 (ms)', values: samples.map((sample) => sample.delivery_p99_ms), color: COLORS[0] },
        { name: 'lag (records)', values: samples.map((sample) => sample.consumer_lag), color: COLORS[3] },
      ],
    }),
  };
}
