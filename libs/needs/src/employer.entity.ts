import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organisation that submits needs; one row per organisationsnummer, upserted on each need. */
@Entity({ name: 'employer' })
export class Employer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Ten digits, no hyphen. */
  @Column({ name: 'org_number', type: 'char', length: 10, unique: true })
  orgNumber: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;

  @Column({ name: 'sni_section', type: 'char', length: 1 })
  sniSection: string;

  @Column({ type: 'integer' })
  employees: number;

  @Column({ name: 'size_band', type: 'text' })
  sizeBand: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
