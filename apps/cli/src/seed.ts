import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@km/auth';
import { ConfigError, loadConfig } from '@km/config';
import { DemoHistoryModule, DemoHistorySeeder } from '@km/demo';
import { seedReferenceData } from '@km/reference';
import { dataSourceOptions, runMigrations } from '@km/database';
import { ENTITIES } from './entities';

/**
 * `npm run seed`: reference data (idempotent); `--demo` also adds the demo accounts and the
 * LC-KOMP region's 18-month history (deterministic; a second run adds nothing); `--migrate` runs
 * the pending migrations first.
 */
async function main(): Promise<void> {
  const { databaseUrl, nodeEnv } = loadConfig();
  const demo = process.argv.includes('--demo') || process.env.SEED_DEMO === 'true';
  if (demo && nodeEnv === 'production') throw new Error('demo data is never seeded in production');
  if (process.argv.includes('--migrate')) {
    // `npm run dev` migrates and seeds in one process: one start-up of Node and TypeORM less.
    const applied = await runMigrations(databaseUrl);
    console.log(
      applied.length
        ? `Applied migrations: ${applied.join(', ')}`
        : 'Database schema is up to date.',
    );
  }
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, ENTITIES));
  await dataSource.initialize();
  try {
    const reference = await seedReferenceData(dataSource.manager);
    console.log(`Reference data: ${reference.inserted} inserted, ${reference.updated} updated.`);
    if (demo) {
      await dataSource.destroy();
      const started = Date.now();
      const history = await seedDemoHistory();
      console.log(
        `Demo accounts: ${history.accounts} created (password "${DEMO_PASSWORD}"; see README).`,
      );
      console.log(
        history.skipped
          ? 'Demo history: already there.'
          : `Demo history (18 months, ${((Date.now() - started) / 1000).toFixed(1)} s): ` +
              `${history.needs} needs, ${history.offerings} offerings, ${history.matchingRuns} matching runs, ` +
              `${history.approved} proposals approved and ${history.rejected} rejected, ` +
              `${history.initiatives.completed} initiatives completed and ${history.initiatives.cancelled} cancelled, ` +
              `${history.withdrawn} needs withdrawn, ${history.esfDraftsApproved} ESF drafts approved.`,
      );
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/** Runs the history through the real services (a Nest context without HTTP or workers). */
async function seedDemoHistory() {
  const app = await NestFactory.createApplicationContext(DemoHistoryModule, { logger: ['error'] });
  try {
    return await app.get(DemoHistorySeeder).seed();
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : `Seed failed: ${error.message}`);
  process.exit(1);
});
