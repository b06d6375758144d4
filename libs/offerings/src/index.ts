export * from './offering.entity';
export * from './offering-competence.entity';
export * from './offering-start-window.entity';
export * from './offering.rules';
export * from './offering.scope';
export * from './offerings.service';
export * from './offerings.module';
