import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The `events` table, joined into delivery log queries for the event filters. */
@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  event!: string;

  @Column({ name: 'object_type', type: 'text' })
  objectType!: string;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
