import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { INGEST_SETTINGS, type IngestSettings } from '../../config';
import { ReceivedRequests } from './received-requests';

const PRUNE_EVERY_MS = 10 * 60_000;

/** Drops expired digests every ten minutes, so the idempotency record stays the size of its window. */
@Injectable()
export class ReceivedRequestsPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReceivedRequestsPruner.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ReceivedRequests) private readonly received: ReceivedRequests,
    @Inject(INGEST_SETTINGS) private readonly settings: IngestSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.received.prune(this.settings.dedupWindowSeconds).catch((error: unknown) => {
        this.logger.warn(`pruning received requests failed: ${String(error)}`);
      });
    }, PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
