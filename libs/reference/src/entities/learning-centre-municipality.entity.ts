import { Entity, PrimaryColumn } from 'typeorm';

/** Which municipalities a learning centre serves; a municipality has at most one centre. */
@Entity({ name: 'learning_centre_municipality' })
export class LearningCentreMunicipality {
  @PrimaryColumn({ name: 'learning_centre_id', type: 'text' })
  learningCentreId: string;

  @PrimaryColumn({ name: 'municipality_code', type: 'char', length: 4 })
  municipalityCode: string;
}
