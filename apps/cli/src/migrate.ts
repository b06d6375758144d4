import 'reflect-metadata';
import { ConfigError, loadConfig } from '@km/config';
import { revertLastMigration, runMigrations } from '@km/database';

async function main(): Promise<void> {
  const { databaseUrl } = loadConfig();
  if (process.argv.includes('--revert')) {
    await revertLastMigration(databaseUrl);
    console.log('Reverted the last migration.');
    return;
  }
  const applied = await runMigrations(databaseUrl);
  console.log(
    applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.',
  );
}

main().catch((error: Error) => {
  console.error(
    error instanceof ConfigError ? error.message : `Migration failed: ${error.message}`,
  );
  process.exit(1);
});
