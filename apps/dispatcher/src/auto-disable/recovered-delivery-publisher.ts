import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { encodeOperationalEvent, isOperationalObjectType } from '@validity/contracts';
import { WakeLoop } from '@validity/platform/background';
import { EventProducer } from '@validity/platform/kafka';
import { RecoverableDeliveries, type RecoveredRow } from './domain/recoverable-deliveries';
import { operationalDeliveryData } from './domain/operational-delivery-data';

const PER_ROUND = 100;
const SWEEP_INTERVAL_MS = 2_000;

/**
 * Publishes `validity-events.delivery.recovered` (issue 18) for each delivery `recover` replayed, once
 * it is delivered: the operator's "resolved" to the page `delivery.exhausted` was. Sweeps the table
 * (a partial index keeps that cheap), at least once, like the dead letters.
 */
@Injectable()
export class RecoveredDeliveryPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RecoveredDeliveries');
  private readonly loop: WakeLoop;

  constructor(
    @Inject(RecoverableDeliveries) private readonly store: RecoverableDeliveries,
    @Inject(EventProducer) private readonly producer: EventProducer,
  ) {
    this.loop = new WakeLoop({
      pass: async () =>
        (await this.store.publishRecovered(PER_ROUND, (rows) => this.publish(rows))) === PER_ROUND,
      intervalMs: SWEEP_INTERVAL_MS,
      retryAfterMs: SWEEP_INTERVAL_MS,
      onError: (error) => this.logger.warn(`publishing recovered deliveries failed: ${String(error)}`),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  private async publish(rows: RecoveredRow[]): Promise<void> {
    const events = rows
      .filter((row) => !isOperationalObjectType(row.object_type))
      .map((row) =>
        encodeOperationalEvent({
          objectType: 'validity-events.delivery',
          event: 'recovered',
          objectId: row.id,
          username: 'dispatcher',
          at: new Date(),
          data: operationalDeliveryData({ ...row, last_error: null }),
        }),
      );
    if (events.length > 0)
      await this.producer.send(
        events[0].topic,
        events.map((event) => event.message),
      );
  }
}
