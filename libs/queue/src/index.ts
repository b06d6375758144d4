export * from './redis.provider';
export * from './preflight';
export * from './queue.module';
