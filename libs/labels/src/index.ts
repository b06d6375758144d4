export * from './swedish-labels';
