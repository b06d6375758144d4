export * from './domain.error';
export * from './small-count';
export * from './excel-csv';
export * from './log-redaction';
export * from './disclosure-control';
