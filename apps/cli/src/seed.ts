import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, seedDemoAccounts } from '@km/auth';
import { ConfigError, loadConfig } from '@km/config';
import { seedDemoData } from '@km/demo';
import { seedReferenceData } from '@km/reference';
import { dataSourceOptions } from '@km/database';
import { ENTITIES } from './entities';

/** Enough demo data over the LC-KOMP municipalities for every kind of proposal to appear. */
const DEMO_NEEDS = 160;
const DEMO_OFFERINGS = 36;

/** `npm run seed`: reference data (idempotent); `--demo` also adds the LC-KOMP demo data. */
async function main(): Promise<void> {
  const { databaseUrl, nodeEnv } = loadConfig();
  const demo = process.argv.includes('--demo') || process.env.SEED_DEMO === 'true';
  if (demo && nodeEnv === 'production') throw new Error('demo data is never seeded in production');
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, ENTITIES));
  await dataSource.initialize();
  try {
    const reference = await seedReferenceData(dataSource.manager);
    console.log(`Reference data: ${reference.inserted} inserted, ${reference.updated} updated.`);
    if (demo) {
      const accounts = await seedDemoAccounts(dataSource.manager);
      console.log(`Demo accounts: ${accounts} created (password "${DEMO_PASSWORD}"; see README).`);
      // Outbox events make the matcher rematch each county as soon as it runs.
      const data = await seedDemoData(dataSource.manager, {
        needs: DEMO_NEEDS,
        offerings: DEMO_OFFERINGS,
        emitEvents: true,
      });
      console.log(
        `Demo needs and offerings: ${data.needs} needs, ${data.offerings} offerings added.`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : `Seed failed: ${error.message}`);
  process.exit(1);
});
