import 'reflect-metadata';
import { ConfigError, loadConfig } from '@km/config';
import { checkPostgres } from '@km/database';
import { checkRedis } from '@km/queue';
import { createApiApp } from './bootstrap';

/** Starts the HTTP API. Any start-up failure is one clear line on stderr and exit code 1. */
async function main(): Promise<void> {
  const config = loadConfig();
  await checkPostgres(config.databaseUrl);
  await checkRedis(config.redis.url);
  const app = await createApiApp();
  await app.listen(config.http.port, config.http.host);
}

main().catch((error: Error) => {
  const line =
    error instanceof ConfigError ? error.message : `api failed to start: ${error.message}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
});
