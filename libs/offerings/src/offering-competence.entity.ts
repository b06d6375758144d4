import { Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'offering_competence' })
export class OfferingCompetence {
  @PrimaryColumn({ name: 'offering_id', type: 'uuid' })
  offeringId: string;

  @PrimaryColumn({ name: 'competence_id', type: 'text' })
  competenceId: string;
}
