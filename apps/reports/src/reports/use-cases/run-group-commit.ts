import { Inject, Injectable } from '@nestjs/common';
import type { ComplianceReportFields } from '@validity/contracts';
import { EventStoreWrites } from '@validity/platform/event-store';
import { REPORTS_TABLES, type ReportsTables } from '../../storage/reports-tables';
import { storeRuns, type PendingRun, type RunOutcome } from './store-runs';
import { ReportRetention } from './report-retention';

/** Runs in one transaction at most; one run with more results than `MAX_RESULTS` goes alone. */
export const MAX_RUNS_PER_BATCH = 256;
export const MAX_RESULTS_PER_BATCH = 5_000;
/**
 * Two batches in flight: one commits (waits for its WAL flush) while the next is written, and the
 * runs arriving meanwhile gather for the one after. More would only queue on the same locks and disk.
 */
export const MAX_BATCHES_IN_FLIGHT = 2;

interface WaitingRun {
  run: PendingRun;
  resolve: (report: ComplianceReportFields) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of compliance runs: concurrent POSTs are stored together, one transaction (and one WAL
 * flush, one relay wake-up) per batch instead of per run, its writes sent with its COMMIT; retention (`ReportRetention`) catches up after
 * the commit. A run
 * waits only while both batches are busy; an idle service stores a lone run at once. Each run still
 * gets its own answer: a run with bad references is refused alone inside the batch (`storeRuns`), and if
 * the batch's transaction fails anyway (a constraint, a lost connection), each of its runs is tried again
 * in a transaction of its own, so only the run that caused it fails.
 */
@Injectable()
export class RunGroupCommit {
  private readonly waiting: WaitingRun[] = [];
  private inFlight = 0;

  constructor(
    @Inject(EventStoreWrites) private readonly writes: EventStoreWrites,
    @Inject(REPORTS_TABLES) private readonly tables: ReportsTables,
    @Inject(ReportRetention) private readonly retention: ReportRetention,
  ) {}

  /** Stores the run with whichever others are waiting; resolves with its report or rejects with its error. */
  store(run: PendingRun): Promise<ComplianceReportFields> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ run, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.inFlight < MAX_BATCHES_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.nextBatch();
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.startBatches();
      });
    }
  }

  private nextBatch(): WaitingRun[] {
    return this.waiting.splice(0, batchLength(this.waiting.map(({ run }) => run.input.results.length)));
  }

  private async commit(batch: readonly WaitingRun[]): Promise<void> {
    const runs = batch.map((waiting) => waiting.run);
    let outcomes: RunOutcome[];
    try {
      outcomes = await this.writes.run(async (manager, commitWith) => {
        const { outcomes: decided, writes, writeFailure } = await storeRuns(manager, this.tables, runs);
        if (writes.length === 0) return decided;
        try {
          await commitWith(writes);
        } catch (error) {
          throw writeFailure(error);
        }
        return decided;
      });
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One at a time, so the retries stay within this batch's share of the connections.
      for (const waiting of batch) await this.commit([waiting]);
      return;
    }
    this.retention.afterCommit(
      outcomes.flatMap((outcome, index) =>
        'stored' in outcome ? [{ reportId: outcome.stored.id, context: runs[index].context }] : [],
      ),
    );
    outcomes.forEach((outcome, index) => {
      if ('stored' in outcome) batch[index].resolve(outcome.stored);
      else batch[index].reject(outcome.refused);
    });
  }
}

/**
 * How many of the oldest waiting runs (their result counts, oldest first) the next batch takes: as many
 * as fit in `MAX_RUNS_PER_BATCH` and `MAX_RESULTS_PER_BATCH`, and always the first, however big.
 */
export function batchLength(resultCounts: readonly number[]): number {
  let runs = 0;
  let results = 0;
  for (const size of resultCounts) {
    if (runs > 0 && (runs === MAX_RUNS_PER_BATCH || results + size > MAX_RESULTS_PER_BATCH)) break;
    runs += 1;
    results += size;
  }
  return runs;
}
