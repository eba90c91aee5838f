import { performance } from 'node:perf_hooks';

/**
 * Cuts a long synchronous loop into slices of the event loop's time. A service that sends and reads
 * over sockets while it works through a large batch (the dispatcher decodes and plans a fetch of 2,000
 * records in 50-120 ms) reads no answer and starts no request until the loop ends: its receivers wait
 * idle the whole time. Between slices the loop awaits one turn of the event loop, so I/O callbacks run
 * first. The slices cost one `performance.now()` per item and one turn per slice.
 *
 *   const slices = new EventLoopSlices();
 *   for (const item of items) {
 *     if (slices.due()) await slices.yield();
 *     ...
 *   }
 */
export class EventLoopSlices {
  private sliceStarted = performance.now();

  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** The current slice has run its time: the loop should `yield()` before the next item. */
  due(): boolean {
    return performance.now() - this.sliceStarted >= this.sliceMs;
  }

  /** Lets one turn of the event loop run (timers and I/O callbacks included), then starts a new slice. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStarted = performance.now();
  }
}

/**
 * Long enough that a slice's own overhead (one turn, ~10-30 µs) stays a small share, short enough that an
 * answer waiting on a socket is read within about the time a receiver on loopback takes to answer.
 */
const DEFAULT_SLICE_MS = 2;
