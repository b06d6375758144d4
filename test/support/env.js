// Runs before each e2e file: quiet logs and a development-like configuration.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL || 'silent';
process.env.REDIS_URL = process.env.KM_TEST_REDIS_URL;
