import { judgeSoak, slope, type SoakSample } from './soak-verdict';

function sample(t: number, rss: number, lag: number, dbMib: number, events: number): SoakSample {
  return {
    t_s: t,
    rss_mib: { dispatcher: rss },
    event_loop_p99_ms: { dispatcher: 12 },
    postgres_table_mib: dbMib,
    postgres_index_mib: 0,
    consumer_lag: lag,
    delivery_p99_ms: 50,
    events_confirmed: events,
  };
}

/** A 60-minute soak sampled every 10 s: rss(t), lag(t) and the database's MiB per event given. */
function soak(rss: (t: number) => number, lag: (t: number) => number, dbMib: (events: number) => number) {
  const samples: SoakSample[] = [];
  for (let t = 0; t <= 3_600; t += 10) samples.push(sample(t, rss(t), lag(t), dbMib(t * 10), t * 10));
  return samples;
}

const steadyLatencies = Array.from({ length: 3_600 }, (_, t) => [t, 40 + (t % 7)] as const);

describe('judgeSoak', () => {
  it('passes a flat soak', () => {
    const verdict = judgeSoak(
      soak(
        (t) => 120 + (t % 30 === 0 ? 1 : 0),
        () => 3,
        (events) => events / 1_000,
      ),
      steadyLatencies,
      3_600,
      0,
    );
    expect(verdict.failures).toEqual([]);
    expect(verdict.passed).toBe(true);
    expect(verdict.warmup_s).toBe(300);
  });

  it('judges the tail against the warm-up after start-up: a slow first minute does not make the check lenient', () => {
    const startupSpike = steadyLatencies.map(([t, ms]) => [t, t < 60 ? 80_000 : ms] as const);
    const slowerTail = startupSpike.map(([t, ms]) => [t, t >= 300 ? 200 : ms] as const);
    const flat = judgeSoak(
      soak(
        () => 120,
        () => 3,
        (events) => events / 1_000,
      ),
      startupSpike,
      3_600,
      0,
    );
    expect(flat.p99_warmup_ms).toBe(46);
    expect(flat.passed).toBe(true);
    const slower = judgeSoak(
      soak(
        () => 120,
        () => 3,
        (events) => events / 1_000,
      ),
      slowerTail,
      3_600,
      0,
    );
    expect(slower.failures).toEqual([
      expect.stringMatching(/^p99 200 ms after warm-up is over 2x the warm-up's 46 ms/),
    ]);
  });

  it('fails a leak, a growing backlog, a slower tail, growing rows per event and a lost delivery', () => {
    const verdict = judgeSoak(
      soak(
        (t) => 120 + t / 20, // 180 MiB an hour
        (t) => 2 * t, // 120 records a minute
        (events) => (events / 1_000) ** 2, // each event costs more than the last
      ),
      [...steadyLatencies.slice(0, 300), ...steadyLatencies.slice(300).map(([t]) => [t, 200] as const)],
      3_600,
      1,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual([
      expect.stringMatching(/^dispatcher RSS grows 180 MiB\/h/),
      expect.stringMatching(/^consumer lag grows 120\/min/),
      expect.stringMatching(/^p99 200 ms after warm-up/),
      expect.stringMatching(/^PostgreSQL grows/),
      '1 deliveries lost',
    ]);
  });
});

describe('slope', () => {
  it('is the least-squares slope', () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(slope([[0, 1]])).toBe(0);
  });
});
