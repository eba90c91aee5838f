import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The `attempts` table: one row per attempt of a delivery. */
@Entity({ name: 'attempts' })
export class AttemptEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'bigint' })
  deliveryId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'timestamptz' })
  started!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The headers sent, secrets masked; null when nothing was sent. */
  @Column({ name: 'request_headers', type: 'json', nullable: true })
  requestHeaders!: Record<string, string> | null;

  /**
   * The start of the body sent (`LOGGED_BODY_LIMIT_BYTES`); null when nothing was sent, and in the row
   * when `requestBodyFromEvent` (`DeliveryLogReader.attempts` fills it from the event).
   */
  @Column({ name: 'request_body', type: 'text', nullable: true })
  requestBody!: string | null;

  /** The body sent was the event's as stored, whole: the row keeps no copy of it. */
  @Column({ name: 'request_body_from_event', type: 'boolean', default: false })
  requestBodyFromEvent!: boolean;
}
