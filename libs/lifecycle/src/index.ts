export * from './offering-change';
export * from './offering-lifecycle.service';
export * from './need-lifecycle.service';
export * from './need-expiry.service';
export * from './lifecycle.module';
