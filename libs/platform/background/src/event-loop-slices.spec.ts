import { performance } from 'node:perf_hooks';
import { EventLoopSlices } from './event-loop-slices';

/** Holds the event loop for `ms`, as a step of a long synchronous loop does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Runs `steps` steps of `msPerStep` each; returns the step at which a timer set before the first fired. */
async function stepAtWhichATimerFires(
  steps: number,
  msPerStep: number,
  slices?: EventLoopSlices,
): Promise<number | undefined> {
  let step = 0;
  let firedAt: number | undefined;
  setTimeout(() => (firedAt = step), 0);
  for (step = 0; step < steps; step += 1) {
    if (slices?.due()) await slices.yield();
    busyFor(msPerStep);
  }
  return firedAt;
}

describe('EventLoopSlices', () => {
  it('is due once its slice has run its time, and not again right after a yield', async () => {
    // Long enough that a descheduled test process on a loaded machine does not make it due early.
    const slices = new EventLoopSlices(200);
    expect(slices.due()).toBe(false);
    busyFor(210);
    expect(slices.due()).toBe(true);
    await slices.yield();
    expect(slices.due()).toBe(false);
  });

  it('lets the event loop run its callbacks in the middle of a long loop, which a plain loop holds to its end', async () => {
    // 40 steps of 0.5 ms: a timer due at once fires only after a plain loop ends...
    expect(await stepAtWhichATimerFires(40, 0.5)).toBeUndefined();
    // ...and within the first few slices of 1 ms (the first yield may land in the same turn).
    const firedAt = await stepAtWhichATimerFires(40, 0.5, new EventLoopSlices(1));
    expect(firedAt).toBeDefined();
    expect(firedAt!).toBeLessThan(20);
  });
});
