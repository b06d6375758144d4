import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'municipality' })
export class Municipality {
  @PrimaryColumn({ type: 'char', length: 4 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Index()
  @Column({ name: 'county_code', type: 'char', length: 2 })
  countyCode: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'integer' })
  population: number;
}
