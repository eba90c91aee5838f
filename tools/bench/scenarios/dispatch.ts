import type { BenchScenario } from '../src/bench-scenario';
import {
  BenchPublisher,
  CONCURRENCY_PER_WEBHOOK,
  measureDispatch,
  measureFloor,
  processTrees,
} from '../src/dispatch-bench';
import { measureProcessCpu } from '../src/stack-cost';
import { startReceiver } from '../src/receiver';

const EVENTS = Number(process.env.BENCH_DISPATCH_EVENTS ?? 20_000);

/**
 * `dispatch` and `floor`: one matching webhook whose receiver (a separate process) answers 200 at
 * once; once the dispatcher knows it, EVENTS events go to `validity.compliancereport.created` as one
 * burst; deliveries/s from the first delivery received to the last. Then the floor: a bare kafkajs
 * consumer POSTing each value with undici at the dispatcher's per-webhook concurrency, nothing stored,
 * while as many fresh records are published to a topic of its own (each side pays for its burst). Beside the ratio: the dispatcher's CPU time per delivery in the
 * measured burst (user + system of its process), the cost that bounds the rate on a loaded machine.
 */
export const scenario: BenchScenario = {
  name: 'dispatch',
  async run(stack, log) {
    const receiver = await startReceiver();
    const publisher = await BenchPublisher.connect(stack);
    try {
      // The first burst after start-up runs slower (JIT, connections, caches): warm up, then measure.
      await measureDispatch(stack, publisher, receiver, Math.min(EVENTS, 2_000), 'dispatch-warm-up', log);
      const dispatch = await measureDispatch(stack, publisher, receiver, EVENTS, 'dispatch', log);
      // What the floor costs, process by process (its consumer and HTTP client run in this process).
      const floorProcesses = await measureProcessCpu(await processTrees(stack, receiver));
      const floorBenchCpu = process.cpuUsage();
      const floor = await measureFloor(publisher, receiver, { events: EVENTS }, CONCURRENCY_PER_WEBHOOK, log);
      const floorCpuMs = await floorProcesses.stop();
      const benchCpu = process.cpuUsage(floorBenchCpu);
      floorCpuMs.set('bench (producer, floor consumer and client)', (benchCpu.user + benchCpu.system) / 1000);
      const floorCpuMicrosPerDelivery =
        floor.delivered > 0
          ? ([...floorCpuMs.values()].reduce((sum, ms) => sum + ms, 0) * 1000) / floor.delivered
          : 0;
      log(
        `    floor CPU per delivery: ${[...floorCpuMs].map(([name, ms]) => `${name} ${((ms * 1000) / Math.max(1, floor.delivered)).toFixed(0)} µs`).join(', ')}; all ${floorCpuMicrosPerDelivery.toFixed(0)} µs`,
      );
      const complete = dispatch.delivered >= EVENTS && floor.delivered >= EVENTS;
      if (!complete)
        log(
          `dispatch: incomplete run (dispatch ${dispatch.delivered}, floor ${floor.delivered} of ${EVENTS})`,
        );
      return [
        {
          name: 'dispatch',
          value: Math.round(dispatch.rate),
          unit: 'deliveries/s',
          target: 8_000,
          better: 'higher',
        },
        { name: 'floor', value: Math.round(floor.rate), unit: 'deliveries/s', target: null },
        {
          name: 'dispatch-vs-floor',
          value: floor.rate > 0 ? dispatch.rate / floor.rate : 0,
          unit: 'ratio',
          target: 0.6,
          better: 'higher',
        },
        {
          name: 'dispatch: dispatcher CPU per delivery',
          value: Math.round(dispatch.cpuMicrosPerDelivery),
          unit: 'µs',
          target: null,
        },
        {
          name: 'dispatch: stack CPU per delivery',
          value: Math.round(dispatch.stackCpuMicrosPerDelivery),
          unit: 'µs',
          target: null,
        },
        {
          name: 'floor: stack CPU per delivery',
          value: Math.round(floorCpuMicrosPerDelivery),
          unit: 'µs',
          target: null,
        },
        { name: 'dispatch: events', value: EVENTS, unit: 'events', target: null },
        { name: 'dispatch: delivered', value: dispatch.delivered, unit: 'deliveries', target: null },
        { name: 'dispatch: payload', value: dispatch.payloadBytes, unit: 'bytes', target: null },
        {
          name: 'dispatch: partitions',
          value: await publisher.dispatchPartitions(),
          unit: 'partitions',
          target: null,
        },
        {
          name: 'dispatch: concurrency per webhook',
          value: CONCURRENCY_PER_WEBHOOK,
          unit: 'requests',
          target: null,
        },
      ];
    } finally {
      await publisher.disconnect();
      await receiver.stop();
    }
  },
};
