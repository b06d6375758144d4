import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The contact person of a need: the only personal data of the intake, kept apart so that erasing
 * it (withdrawal, retention period) leaves the anonymous need for statistics.
 */
@Entity({ name: 'contact' })
export class Contact {
  @PrimaryColumn({ name: 'need_id', type: 'uuid' })
  needId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
