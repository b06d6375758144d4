export * from './entities';
export * from './text-folding';
export * from './reference.seeder';
export * from './reference.service';
export * from './reference.module';
export * from './data/region-targets.data';
