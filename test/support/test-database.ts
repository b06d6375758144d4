import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { seedReferenceData } from '@km/reference';

const ROOT = join(__dirname, '..', '..');
const TEMPLATE_LOCK = 4_711_001;

function adminUrl(): string {
  const url = process.env.KM_TEST_ADMIN_URL;
  if (!url)
    throw new Error('KM_TEST_ADMIN_URL is not set: run e2e tests through jest (global setup)');
  return url;
}

function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fingerprint of everything that shapes the template: migrations and reference data. */
function templateFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts'))
        hash.update(name).update(readFileSync(path));
    }
  };
  walk(join(ROOT, 'libs', 'database', 'src', 'migrations'));
  walk(join(ROOT, 'libs', 'reference', 'src'));
  return hash.digest('hex').slice(0, 12);
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs every migration and the reference seed on an empty database. */
export async function migrateAndSeed(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedReferenceData(dataSource.manager);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Ensures a migrated, reference-seeded template database exists (built once, under an advisory
 * lock so parallel workers don't race) and returns its name.
 */
async function ensureTemplate(): Promise<string> {
  const template = `km_test_template_${templateFingerprint()}`;
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      await migrateAndSeed(urlFor(building));
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      await admin.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return template;
}

/**
 * Creates a fresh database for one test file from the template and returns its URL. Names
 * always contain "test" so nothing here can touch a real database.
 */
export async function createTestDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const template = await ensureTemplate();
  const name = `km_test_${process.env.KM_TEST_RUN_ID}_${randomBytes(4).toString('hex')}`;
  if (!name.includes('test')) throw new Error('refusing to use a database whose name lacks "test"');
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Concurrent copies of one template can collide briefly; retry.
        if (attempt < 20 && /being accessed by other users/.test((error as Error).message)) {
          await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
          continue;
        }
        throw error;
      }
    }
  });
  return {
    url: urlFor(name),
    name,
    drop: () =>
      withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** A Redis key prefix unique to one test file, so files never see each other's queues. */
export function testRedisPrefix(): string {
  return `kmtest-${process.env.KM_TEST_RUN_ID}-${randomBytes(3).toString('hex')}`;
}
