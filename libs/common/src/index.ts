export * from './domain.error';
export * from './small-count';
export * from './excel-csv';
export * from './log-redaction';
export * from './calendar-day';
export * from './disclosure-control';
export * from './sql-rows';
export * from './startup-quiet.logger';
