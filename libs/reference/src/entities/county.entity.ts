import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'county' })
export class County {
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  @Column({ type: 'text' })
  name: string;
}
