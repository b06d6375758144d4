export * from './demo-themes';
export * from './demo-data';
export * from './demo-data.seed';
