import { DurableOffsets } from './durable-offsets';
import { AppendedSinceAssignment } from './appended-since-assignment';

const turn = () => new Promise((resolve) => setImmediate(resolve));

function deferred(): { promise: Promise<void>; resolve: () => void; reject: () => void } {
  let resolve!: () => void;
  let reject!: () => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = () => fail(new Error('never durable'));
  });
  return { promise, resolve, reject };
}

function tracking() {
  const ready: string[] = [];
  const offsets = new DurableOffsets((topic, partition, offset) =>
    ready.push(`${topic}:${partition}@${offset}`),
  );
  return { offsets, ready };
}

describe('DurableOffsets', () => {
  it("passes a partition's offset on only once its batch and every earlier one are durable", async () => {
    const { offsets, ready } = tracking();
    const first = deferred();
    const second = deferred();
    const third = deferred();
    offsets.add('a', 0, '10', first.promise);
    offsets.add('a', 0, '20', second.promise);
    offsets.add('a', 0, '30', third.promise);
    offsets.add('a', 1, '5', Promise.resolve());

    second.resolve();
    await turn();
    expect(ready).toEqual(['a:1@5']);

    first.resolve();
    await turn();
    expect(ready).toEqual(['a:1@5', 'a:0@20']);

    third.resolve();
    await turn();
    expect(ready).toEqual(['a:1@5', 'a:0@20', 'a:0@30']);
  });

  it('never passes on a batch that is not durable, nor anything after it in its partition', async () => {
    const { offsets, ready } = tracking();
    const lost = deferred();
    offsets.add('a', 0, '10', lost.promise);
    offsets.add('a', 0, '20', Promise.resolve());
    lost.reject();
    await turn();
    expect(ready).toEqual([]);
  });

  it('settles once everything added was passed on, and forgets what waits on clear', async () => {
    const { offsets, ready } = tracking();
    const waiting = deferred();
    offsets.add('a', 0, '10', waiting.promise);
    let settled = false;
    void offsets.settled().then(() => (settled = true));
    await turn();
    expect(settled).toBe(false);

    offsets.clear();
    await turn();
    expect(settled).toBe(true);
    waiting.resolve();
    await turn();
    expect(ready).toEqual([]);
    await expect(offsets.settled()).resolves.toBeUndefined();
  });
});

describe('AppendedSinceAssignment', () => {
  it("takes each partition's mark from its first batch's high watermark, until the next assignment", () => {
    const appended = new AppendedSinceAssignment();
    expect(appended.firstNewOffset('a', 0, '100')).toBe(100n);
    expect(appended.firstNewOffset('a', 0, '250')).toBe(100n);
    expect(appended.firstNewOffset('a', 1, '7')).toBe(7n);
    appended.reset();
    expect(appended.firstNewOffset('a', 0, '250')).toBe(250n);
  });
});
