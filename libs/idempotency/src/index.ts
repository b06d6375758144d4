export * from './idempotency-key.entity';
export * from './canonical-json';
export * from './idempotency.service';
export * from './idempotency.interceptor';
export * from './idempotency.module';
