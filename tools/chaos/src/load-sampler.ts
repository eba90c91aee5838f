import { loadavg } from 'node:os';

const SAMPLE_MS = 1_000;

/**
 * Samples the one-minute load average while a fault runs, so each row of the table says how loaded the
 * machine was (the CPU-starvation option, or other tenants on a shared runner).
 */
export class LoadSampler {
  private highest = loadavg()[0];
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => {
      this.highest = Math.max(this.highest, loadavg()[0]);
    }, SAMPLE_MS);
    this.timer.unref();
  }

  reset(): void {
    this.highest = loadavg()[0];
  }

  /** The highest one-minute load average since the last reset, to one decimal. */
  max(): number {
    return Math.round(Math.max(this.highest, loadavg()[0]) * 10) / 10;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
