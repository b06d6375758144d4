export * from './county.entity';
export * from './municipality.entity';
export * from './learning-centre.entity';
export * from './learning-centre-municipality.entity';
export * from './competence-area.entity';
export * from './competence.entity';
export * from './sni-section.entity';
