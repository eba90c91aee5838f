import type { FailureReason } from '../../deliveries/delivery';
import type { OperationalDeliveryRow } from './operational-delivery-data';

/** A recovered delivery to announce. */
export type RecoveredRow = OperationalDeliveryRow;

/**
 * What recovering a webhook needs of its deliveries: the delivery store answers (wired in
 * `deliveries.module.ts`), so auto-disable moves deliveries only through the store that owns them.
 */
export abstract class RecoverableDeliveries {
  /** Makes the webhook's failed deliveries since `since` pending again, each once; returns how many. */
  abstract recover(webhookId: number, since: Date, reasons: readonly FailureReason[]): Promise<number>;
  /** Hands up to `limit` delivered recoveries to `publish`, then forgets them; returns how many. */
  abstract publishRecovered(limit: number, publish: (rows: RecoveredRow[]) => Promise<void>): Promise<number>;
}
