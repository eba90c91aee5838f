import type { DestinationPolicy } from '@validity/contracts';
import { monotonicNow } from '../scheduling/monotonic-clock';
import { BlockedDestinationError, refuseLiteralAddress } from './private-address-guard';

/** How long a host's answer is kept. The policy is fixed for the process; this only bounds memory. */
const ANSWER_TTL_MS = 10_000;
/** Receivers are few; a flood of distinct hosts just starts the cache over. */
const MAX_HOSTS = 10_000;

/**
 * `refuseLiteralAddress` with each host's answer kept for a few seconds: every request checks its URL's
 * host, and for a receiver at a literal address that meant a parse and three BlockList lookups per
 * delivery (2 % of the dispatcher's CPU in the dispatch bench). A host name's answer is "ask the
 * lookup", which the guarded lookup gives when a connection opens.
 */
export class LiteralAddressChecks {
  private readonly answers = new Map<string, { refusal: BlockedDestinationError | null; until: number }>();

  constructor(
    private readonly policy: DestinationPolicy,
    private readonly now: () => number = monotonicNow,
  ) {}

  /** Throws `BlockedDestinationError` when the URL's host is an address the policy refuses. */
  refuse(url: URL): void {
    const host = url.hostname;
    const now = this.now();
    let answer = this.answers.get(host);
    if (answer === undefined || answer.until <= now) {
      answer = { refusal: this.check(url), until: now + ANSWER_TTL_MS };
      if (this.answers.size >= MAX_HOSTS) this.answers.clear();
      this.answers.set(host, answer);
    }
    if (answer.refusal) throw answer.refusal;
  }

  private check(url: URL): BlockedDestinationError | null {
    try {
      refuseLiteralAddress(this.policy, url);
      return null;
    } catch (error) {
      if (error instanceof BlockedDestinationError) return error;
      throw error;
    }
  }
}
