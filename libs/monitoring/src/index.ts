export * from './monitoring-period';
export * from './monitoring.types';
export * from './monitoring-labels';
export * from './monitoring-csv';
export * from './monitoring.service';
export * from './monitoring.module';
