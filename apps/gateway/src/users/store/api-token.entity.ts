import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiToken } from '../domain/api-token';

/** The `tokens` read model, for the API's reads (writes go through `ApiTokenTable.save`). */
@Entity({ name: 'tokens' })
export class ApiTokenEntity implements ApiToken {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'key_sha256', type: 'char', length: 64 })
  keySha256!: string;

  @Column({ name: 'key_hint', type: 'char', length: 6 })
  keyHint!: string;

  @Column({ name: 'write_enabled', type: 'boolean' })
  writeEnabled!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  expires!: Date | null;

  @Column({ type: 'varchar', length: 200 })
  description!: string;

  @Column({ type: 'timestamptz' })
  created!: Date;

  @Column({ name: 'last_used', type: 'timestamptz', nullable: true })
  lastUsed!: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
