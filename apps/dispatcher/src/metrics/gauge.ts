import { header, labelText, numberText, type Labels, type Metric } from './text-format';

/** A value read at scrape time, e.g. a count from the database. */
export type Collect = () => Promise<ReadonlyArray<readonly [Labels, number]>>;

/** Values read when Prometheus scrapes. */
export class Gauge implements Metric {
  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly collect: Collect,
  ) {}

  /** A gauge whose source is unreachable (database or broker down) has no samples; the scrape still works. */
  async render(): Promise<string[]> {
    const values = await this.collect().catch(() => []);
    const samples = values.map(([labels, value]) => `${this.name}${labelText(labels)} ${numberText(value)}`);
    return [...header(this.name, this.help, 'gauge'), ...samples];
  }
}
