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
}
