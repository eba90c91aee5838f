/**
 * What must stop when the run is interrupted (Ctrl-C, SIGTERM): without it, a stack's apps, PostgreSQL,
 * Kafka and Toxiproxy outlive the run and hold its ports and data directory.
 */
export class StopOnInterrupt {
  private readonly stops = new Set<() => Promise<void>>();

  constructor(log: (line: string) => void) {
    const interrupted = (signal: NodeJS.Signals) => {
      log(`${signal}: stopping what the run started`);
      void Promise.allSettled([...this.stops].map((stop) => stop())).finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
  }

  /** Registers `stop` until the returned function is called (when the run stopped it itself). */
  add(stop: () => Promise<void>): () => void {
    this.stops.add(stop);
    return () => void this.stops.delete(stop);
  }
}
