import { header, labelText, numberText, type Labels, type Metric } from './text-format';

/** Observations counted into cumulative buckets, with their sum and count. */
export class Histogram implements Metric {
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();

  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const key = labelText(labels);
    let series = this.series.get(key);
    if (!series) {
      series = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    this.buckets.forEach((bound, index) => {
      if (value <= bound) series.counts[index] += 1;
    });
    series.sum += value;
    series.count += 1;
  }

  render(): Promise<string[]> {
    const lines = header(this.name, this.help, 'histogram');
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, index) =>
        lines.push(`${this.name}_bucket${labelText(labels, { le: numberText(bound) })} ${counts[index]}`),
      );
      lines.push(`${this.name}_bucket${labelText(labels, { le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${numberText(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return Promise.resolve(lines);
  }
}
