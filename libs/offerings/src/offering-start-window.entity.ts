import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A period in which a course of the offering can start (dates inclusive). */
@Entity({ name: 'offering_start_window' })
export class OfferingStartWindow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'offering_id', type: 'uuid' })
  offeringId: string;

  @Column({ name: 'from_date', type: 'date' })
  fromDate: string;

  @Column({ name: 'to_date', type: 'date' })
  toDate: string;

  /** Groups that can start in the window, each of at most the offering's maxParticipants. */
  @Column({ type: 'integer', default: 1 })
  groups: number;
}
