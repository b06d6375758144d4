export * from './demo-themes';
export * from './demo-data';
export * from './demo-data.seed';
export * from './demo-history.plan';
export * from './demo-history.seeder';
export * from './demo-history.module';
export * from './history-clock';
