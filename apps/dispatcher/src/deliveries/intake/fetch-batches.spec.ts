import { FetchBatches } from './fetch-batches';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('FetchBatches', () => {
  it('plans the batches handed over in one turn as one, each batch in its order', async () => {
    const plans: string[][] = [];
    const batches = new FetchBatches<string>((records) => {
      plans.push(records);
      return Promise.resolve();
    });
    const first = batches.handle(['p0:1', 'p0:2']);
    const second = batches.handle(['p1:7']);
    const third = batches.handle(['p2:3', 'p2:4']);
    await Promise.all([first, second, third]);
    expect(plans).toEqual([['p0:1', 'p0:2', 'p1:7', 'p2:3', 'p2:4']]);

    await batches.handle(['p0:3']);
    expect(plans).toEqual([['p0:1', 'p0:2', 'p1:7', 'p2:3', 'p2:4'], ['p0:3']]);
  });

  it('resolves a batch only once its turn is planned, and rejects every batch of a turn whose planning failed', async () => {
    let finish: (() => void) | undefined;
    let calls = 0;
    const batches = new FetchBatches<number>(() => {
      calls += 1;
      if (calls === 2) return Promise.reject(new Error('database unavailable'));
      return new Promise<void>((resolve) => (finish = resolve));
    });
    let planned = false;
    const pending = batches.handle([1]).then(() => (planned = true));
    await nextTurn();
    await nextTurn();
    expect(planned).toBe(false);
    // A batch handed over while the first turn is being planned goes with the next turn.
    const failed = [batches.handle([2]), batches.handle([3])];
    finish!();
    await pending;
    expect(planned).toBe(true);
    for (const batch of failed) await expect(batch).rejects.toThrow('database unavailable');
    expect(calls).toBe(2);
  });
});
