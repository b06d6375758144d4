export * from './retention.service';
export * from './data-export.service';
export * from './privacy.module';
