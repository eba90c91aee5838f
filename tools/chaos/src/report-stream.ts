import type { ValidityClient } from './validity-client';

/** A compliance report the reports service confirmed (201): its created event must reach every webhook. */
export interface CreatedReport {
  id: number;
  createdAtMs: number;
}

export interface StreamOptions {
  eventsPerSecond: number;
  seconds: number;
  testId: number;
  /** A run not confirmed by then fails the chaos run: the API itself must come back after every fault. */
  giveUpAfterMs: number;
}

/**
 * Runs in flight at once, as a pool of compliance runners would post them (Validity posts one run at a
 * time). Without a cap the stream is open loop: on a machine too slow for the schedule, every run that
 * times out is posted again while the abandoned request still queues in the service, so the queue and the
 * timeouts feed each other and no run gets its 201 (seen under CPU starvation). With it, the schedule slips
 * instead, and the rate the stack kept up is what the table reports.
 */
const MAX_IN_FLIGHT = 16;

const RETRY_PAUSE_MS = 250;

/**
 * Posts compliance runs at a steady rate, each in its own request so a stalled API does not slow the
 * schedule down. A run that fails (connection refused, 5xx while PostgreSQL restarts) is posted again
 * until it is confirmed; only confirmed reports are expected at the receivers. A retried run that had
 * in fact been stored shows up as an extra report, never as a missing one.
 */
export async function streamReports(
  client: ValidityClient,
  options: StreamOptions,
): Promise<CreatedReport[]> {
  const total = Math.round(options.eventsPerSecond * options.seconds);
  const intervalMs = 1_000 / options.eventsPerSecond;
  const startedAt = Date.now();
  const posts: Array<Promise<CreatedReport>> = [];
  const inFlight = new Set<Promise<unknown>>();
  for (let index = 0; index < total; index += 1) {
    const due = startedAt + index * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const post = postUntilConfirmed(client, options, index);
    const slot: Promise<unknown> = post.then(
      () => inFlight.delete(slot),
      () => inFlight.delete(slot),
    );
    inFlight.add(slot);
    posts.push(post);
  }
  return Promise.all(posts);
}

async function postUntilConfirmed(
  client: ValidityClient,
  options: StreamOptions,
  index: number,
): Promise<CreatedReport> {
  const deadline = Date.now() + options.giveUpAfterMs;
  const body = {
    results: [
      {
        test: options.testId,
        device: { name: `chaos-device-${index % 10}` },
        passed: index % 5 !== 0,
        explanation: [],
        dynamic_pair: null,
      },
    ],
    custom_fields: {},
  };
  let lastProblem = '';
  while (Date.now() < deadline) {
    try {
      const answer = await client.call('POST', 'plugins/validity/reports/', body);
      if (answer.status === 201) return { id: (answer.body as { id: number }).id, createdAtMs: Date.now() };
      lastProblem = `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
      // A 4xx is our own mistake, not the fault: retrying would only hide it.
      if (answer.status < 500) break;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
  throw new Error(`compliance run ${index} was never stored: ${lastProblem}`);
}
