import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus } from '../delivery';

/** The `deliveries` table, for the delivery log's filtered queries (the schedule uses plain SQL). */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'webhook_id', type: 'integer' })
  webhookId!: number;

  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ name: 'attempt_count', type: 'integer' })
  attemptCount!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  created!: Date;

  @Column({ name: 'last_updated', type: 'timestamptz' })
  lastUpdated!: Date;
}
