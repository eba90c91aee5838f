import { RequestDeadlines } from './request-deadlines';

describe('RequestDeadlines', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('aborts a request past its timeout with a TimeoutError, and not one that ended in time', () => {
    let now = 0;
    const deadlines = new RequestDeadlines(() => now);
    const late = deadlines.start(250);
    const early = deadlines.start(250);
    early.done();
    now = 200;
    jest.advanceTimersByTime(200);
    expect(late.signal.aborted).toBe(false);
    now = 300;
    jest.advanceTimersByTime(100);
    expect(late.signal.aborted).toBe(true);
    expect((late.signal.reason as Error).name).toBe('TimeoutError');
    expect(early.signal.aborted).toBe(false);
  });

  it('stops ticking once nothing is in flight', () => {
    let now = 0;
    const deadlines = new RequestDeadlines(() => now);
    deadlines.start(50);
    now = 100;
    jest.advanceTimersByTime(100);
    expect(jest.getTimerCount()).toBe(0);
  });
});
