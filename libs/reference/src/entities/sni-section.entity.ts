import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'sni_section' })
export class SniSection {
  @PrimaryColumn({ type: 'char', length: 1 })
  code: string;

  @Column({ type: 'text' })
  label: string;
}
