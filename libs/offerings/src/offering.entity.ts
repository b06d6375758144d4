import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const DELIVERY_MODES = ['onsite', 'remote', 'hybrid'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** What a learning centre can deliver (utbildningsutbud); withdrawn ones keep `deletedAt`. */
@Entity({ name: 'offering' })
export class Offering {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'learning_centre_id', type: 'text' })
  learningCentreId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'delivery_mode', type: 'text' })
  deliveryMode: DeliveryMode;

  @Column({ name: 'venue_municipality_code', type: 'char', length: 4 })
  venueMunicipalityCode: string;

  @Column({ name: 'min_participants', type: 'integer' })
  minParticipants: number;

  @Column({ name: 'max_participants', type: 'integer' })
  maxParticipants: number;

  @Column({ name: 'cost_fixed_sek', type: 'integer' })
  costFixedSek: number;

  @Column({ name: 'cost_per_participant_sek', type: 'integer' })
  costPerParticipantSek: number;

  @Column({ name: 'duration_days', type: 'integer' })
  durationDays: number;

  @Column({ type: 'text', default: 'sv' })
  language: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  prerequisites: string | null;

  @Column({ name: 'venue_address', type: 'text', nullable: true })
  venueAddress: string | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'boolean', default: false })
  certificate: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
