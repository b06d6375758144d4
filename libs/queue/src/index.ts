export * from './redis.provider';
export * from './preflight';
export * from './queue.module';
export * from './queue.registry';
export * from './job-registry';
export * from './bullmq-connection';
