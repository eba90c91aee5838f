import { Counter } from './counter';
import { Gauge, type Collect } from './gauge';
import { Histogram } from './histogram';
import type { Metric } from './text-format';

/**
 * A small Prometheus registry writing the text exposition format 0.0.4: counters, histograms, and gauges
 * read at scrape time. Enough for one service's own metrics without a dependency.
 */
export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }

  gauge(name: string, help: string, collect: Collect): Gauge {
    return this.add(new Gauge(name, help, collect));
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }

  async render(): Promise<string> {
    const blocks = await Promise.all(this.metrics.map((metric) => metric.render()));
    return `${blocks.flat().join('\n')}\n`;
  }

  private add<T extends Metric>(metric: T): T {
    this.metrics.push(metric);
    return metric;
  }
}
