import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'competence' })
export class Competence {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text', array: true })
  synonyms: string[];

  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  @Column({ name: 'broader_id', type: 'text', nullable: true })
  broaderId: string | null;

  /** Label folded for search (lower case, no diacritics, punctuation as spaces). */
  @Column({ name: 'label_folded', type: 'text' })
  labelFolded: string;

  @Column({ name: 'synonyms_folded', type: 'text', array: true })
  synonymsFolded: string[];
}
