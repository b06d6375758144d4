import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'competence_area' })
export class CompetenceArea {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  label: string;
}
