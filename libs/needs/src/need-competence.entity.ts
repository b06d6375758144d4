import { Entity, PrimaryColumn } from 'typeorm';

/** A competence a need asks for. */
@Entity({ name: 'need_competence' })
export class NeedCompetence {
  @PrimaryColumn({ name: 'need_id', type: 'uuid' })
  needId: string;

  @PrimaryColumn({ name: 'competence_id', type: 'text' })
  competenceId: string;
}
