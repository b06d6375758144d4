import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AuthUser } from '@km/auth';
import { ConfigModule } from '@km/config';
import { DatabaseModule } from '@km/database';
import { QueueModule } from '@km/queue';
import { createTestDatabase, testRedisPrefix } from './test-database';

export interface IntegrationContext {
  app: INestApplicationContext;
  db: DataSource;
  /** A provider of any module in the context (also ones a module does not export). */
  get<T>(type: Type<T>): T;
  close: () => Promise<void>;
}

/**
 * Boots the given modules (with config, database and queue, as the apps provide them) against a
 * fresh database of their own: the services of one context, without HTTP.
 */
export async function startIntegration(
  modules: (Type<unknown> | DynamicModule)[],
): Promise<IntegrationContext> {
  const database = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.KM_TEST_REDIS_URL,
    REDIS_PREFIX: testRedisPrefix(),
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule, DatabaseModule, QueueModule, ...modules],
  }).compile();
  const app = await moduleRef.init();
  return {
    app,
    db: app.get(DataSource),
    get: <T>(type: Type<T>) => app.get(type, { strict: false }),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** A caller of the given role; an admin's scope is the whole country. */
export function callerAs(
  role: AuthUser['role'],
  municipalityCodes: string[] = [],
  extra: Partial<AuthUser> = {},
): AuthUser {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: `${role}@integration.test`,
    role,
    municipalityCodes,
    ...extra,
  };
}
