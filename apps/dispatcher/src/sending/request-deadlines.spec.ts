import { RequestDeadlines } from './request-deadlines';

describe('RequestDeadlines', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('times out a request past its timeout, and not one that ended in time', () => {
    let now = 0;
    const deadlines = new RequestDeadlines(() => now);
    const timedOut: string[] = [];
    deadlines.start(250, () => timedOut.push('late'));
    const early = deadlines.start(250, () => timedOut.push('early'));
    early.done();
    now = 200;
    jest.advanceTimersByTime(200);
    expect(timedOut).toEqual([]);
    now = 300;
    jest.advanceTimersByTime(100);
    expect(timedOut).toEqual(['late']);
  });

  it('stops ticking once nothing is in flight', () => {
    let now = 0;
    const deadlines = new RequestDeadlines(() => now);
    deadlines.start(50, () => undefined);
    now = 100;
    jest.advanceTimersByTime(100);
    expect(jest.getTimerCount()).toBe(0);
  });
});
