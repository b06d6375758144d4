import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'learning_centre' })
export class LearningCentre {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** 'municipal' or 'kommunalforbund' (an inter-municipal association). */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'seat_municipality_code', type: 'char', length: 4 })
  seatMunicipalityCode: string;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ name: 'contact_url', type: 'text', nullable: true })
  contactUrl: string | null;

  /** Made-up contact details of the demo data, shown with a "demo" mark. */
  @Column({ name: 'contact_is_demo', type: 'boolean', default: false })
  contactIsDemo: boolean;
}
