import type { Fault } from './faults';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The dispatcher's wall clock steps an hour ahead and, later, back, while one receiver answers 500 so
 * retries are waiting through both steps: nothing may be lost, duplicates must keep their webhook-id,
 * and retries due after the step back must still go out (not an hour later).
 */
export const CLOCK_FAULTS: readonly Fault[] = [
  {
    name: 'dispatcher-clock-jump',
    stack: 'clock',
    fullOnly: true,
    action: (timing) =>
      `the dispatcher's wall clock jumps 1 h ahead for ${timing.clockHoldS} s, then back, while one receiver answers 500 (retries waiting through both jumps) for ${2 * timing.clockHoldS} s`,
    async inject({ stack, target, timing, log }) {
      const clock = stack.dispatcherClock();
      target.behave({ kind: 'error', status: 500 });
      await clock.set('+1h');
      log("the dispatcher's clock is 1 h ahead");
      await sleep(timing.clockHoldS * 1_000);
      await clock.set('+0');
      log("the dispatcher's clock is back");
      await sleep(timing.clockHoldS * 1_000);
      target.behave({ kind: 'ok' });
    },
  },
];
