import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NeedDeliveryMode, NeedStatus } from './need.constants';

/** One employer's competence need (kompetensbehov). Personal data lives in `contact`. */
@Entity({ name: 'need' })
export class Need {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'employer_id', type: 'uuid' })
  employerId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'participants_total', type: 'integer' })
  participantsTotal: number;

  @Column({ name: 'participants_women', type: 'integer' })
  participantsWomen: number;

  @Column({ name: 'participants_men', type: 'integer' })
  participantsMen: number;

  @Column({ name: 'earliest_start', type: 'date' })
  earliestStart: string;

  @Column({ name: 'latest_end', type: 'date' })
  latestEnd: string;

  @Column({ name: 'delivery_modes', type: 'text', array: true })
  deliveryModes: NeedDeliveryMode[];

  @Column({ name: 'max_travel_km', type: 'integer' })
  maxTravelKm: number;

  @Column({ name: 'max_cost_per_participant_sek', type: 'integer', nullable: true })
  maxCostPerParticipantSek: number | null;

  @Column({ type: 'text' })
  language: string;

  @Column({ name: 'age_band', type: 'text', nullable: true })
  ageBand: string | null;

  @Column({ name: 'education_level', type: 'text', nullable: true })
  educationLevel: string | null;

  @Column({ type: 'text', default: 'received' })
  status: NeedStatus;

  /** SHA-256 (hex) of the tracking token; the token itself is never stored. */
  @Column({ name: 'tracking_token_hash', type: 'char', length: 64, unique: true })
  trackingTokenHash: string;

  /** The employer's municipality at submission, denormalised for matching and monitoring. */
  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'county_code', type: 'char', length: 2 })
  countyCode: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
