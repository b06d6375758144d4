import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '@km/config';
import { seedReferenceData } from '@km/reference';
import { dataSourceOptions } from '../data-source-options';

/** `npm run seed`: reference data (idempotent); `--demo` also adds the LC-KOMP demo data. */
async function main(): Promise<void> {
  const { databaseUrl } = loadConfig();
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const reference = await seedReferenceData(dataSource.manager);
    console.log(`Reference data: ${reference.inserted} inserted, ${reference.updated} updated.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : `Seed failed: ${error.message}`);
  process.exit(1);
});
