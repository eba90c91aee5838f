import { WakeLoop } from './wake-loop';

/** A pass that stays open until the test lets it finish, so wake-ups can arrive while it runs. */
function gatedPasses() {
  const gates: Array<() => void> = [];
  let passes = 0;
  const pass = () => {
    passes += 1;
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  const openNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { pass, openNext, passes: () => passes };
}

describe('WakeLoop', () => {
  it('coalesces every wake during a pass into exactly one more pass', async () => {
    const gated = gatedPasses();
    const loop = new WakeLoop({ pass: gated.pass, onError: () => undefined });
    loop.start();
    expect(gated.passes()).toBe(1);
    loop.wake();
    loop.wake();
    loop.wake();
    await gated.openNext();
    expect(gated.passes()).toBe(2);
    await gated.openNext();
    await loop.settled();
    expect(gated.passes()).toBe(2);
    await loop.stop();
  });

  it('runs again at once while a pass says there is more to do', async () => {
    let left = 3;
    const loop = new WakeLoop({ pass: () => Promise.resolve(--left > 0), onError: () => undefined });
    loop.start();
    await loop.settled();
    expect(left).toBe(0);
    await loop.stop();
  });

  it('reports a failed pass and tries again after the retry delay', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new WakeLoop({
      pass: () => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve()),
      retryAfterMs: 1,
      onError: (error) => errors.push(error),
    });
    loop.start();
    while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    await loop.stop();
    expect(errors).toEqual([new Error('down')]);
    expect(calls).toBe(2);
  });

  it('ignores wakes before start and after stop, and stop waits for the pass in progress', async () => {
    const gated = gatedPasses();
    const loop = new WakeLoop({ pass: gated.pass, onError: () => undefined });
    loop.wake();
    expect(gated.passes()).toBe(0);
    loop.start();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    await gated.openNext();
    await stopping;
    loop.wake();
    expect(gated.passes()).toBe(1);
  });

  it('with finish, stop also runs the pass a wake asked for', async () => {
    const gated = gatedPasses();
    const loop = new WakeLoop({ pass: gated.pass, onError: () => undefined });
    loop.start();
    loop.wake();
    const stopping = loop.stop({ finish: true });
    await gated.openNext();
    await gated.openNext();
    await stopping;
    expect(gated.passes()).toBe(2);
  });
});
