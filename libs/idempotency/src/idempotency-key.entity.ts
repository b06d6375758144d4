import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The answer to a write sent with an Idempotency-Key; `responseStatus` is null while in flight. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** The route (e.g. "POST /api/v1/needs"), so one key may be used on different routes. */
  @Column({ type: 'text' })
  scope: string;

  @Column({ type: 'text' })
  key: string;

  /** SHA-256 (hex) of the canonical JSON of the request body. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
