import { header, labelText, numberText, type Labels, type Metric } from './text-format';

/** A value that only goes up, per label set. */
export class Counter implements Metric {
  private readonly values = new Map<string, number>();

  constructor(
    private readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  render(): Promise<string[]> {
    const samples = [...this.values].map(([labels, value]) => `${this.name}${labels} ${numberText(value)}`);
    return Promise.resolve([...header(this.name, this.help, 'counter'), ...samples]);
  }
}
