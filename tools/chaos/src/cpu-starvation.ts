import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * A busy loop on every core, each in its own process, so the stack competes for CPU as it does on a
 * loaded machine (load average well above the core count): timers fire late, the broker restarts
 * slowly, request deadlines and retry budgets meet the long tail. Started before a fault pass and
 * stopped after it; the burners are killed by pid, never by name.
 */
export class CpuStarvation {
  private burners: ChildProcess[] = [];

  constructor(private readonly cores: number = availableParallelism()) {}

  get running(): boolean {
    return this.burners.length > 0;
  }

  pids(): number[] {
    return this.burners.flatMap((burner) => (burner.pid === undefined ? [] : [burner.pid]));
  }

  start(): void {
    if (this.running) return;
    for (let core = 0; core < this.cores; core += 1) {
      // Its own process (not a worker thread) so the kernel schedules it like any other tenant.
      const burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
      this.burners.push(burner);
    }
  }

  async stop(): Promise<void> {
    const burners = this.burners;
    this.burners = [];
    await Promise.all(
      burners.map(
        (burner) =>
          new Promise<void>((resolve) => {
            if (burner.exitCode !== null || burner.signalCode !== null) return resolve();
            burner.once('exit', () => resolve());
            burner.kill('SIGKILL');
          }),
      ),
    );
  }
}
