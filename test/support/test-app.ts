import { NestExpressApplication } from '@nestjs/platform-express';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, testRedisPrefix } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  databaseUrl: string;
  close: () => Promise<void>;
}

/**
 * Boots the real API against a fresh database of its own and a private Redis key prefix.
 * Extra environment (e.g. ADMIN_EMAIL) can be given per test file; a test that owns its
 * PostgreSQL passes its own database.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: { url: string; drop: () => Promise<void> },
): Promise<TestApp> {
  database ??= await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.KM_TEST_REDIS_URL,
    REDIS_PREFIX: testRedisPrefix(),
    ...env,
  });
  const app = await createApiApp({ logger: false });
  await app.init();
  return {
    app,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
