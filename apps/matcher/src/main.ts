import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { startupQuietLogger } from '@km/common';
import { ConfigError, loadConfig } from '@km/config';
import { checkPostgres } from '@km/database';
import { checkRedis } from '@km/queue';
import { MatcherModule } from './matcher.module';

/** Starts the matching worker: no HTTP, only queue consumers. */
async function main(): Promise<void> {
  const config = loadConfig();
  await checkPostgres(config.databaseUrl);
  await checkRedis(config.redis.url);
  const app = await NestFactory.createApplicationContext(MatcherModule, { bufferLogs: true });
  app.useLogger(startupQuietLogger(app));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('matcher ready; waiting for matching jobs');
}

main().catch((error: Error) => {
  const line =
    error instanceof ConfigError ? error.message : `matcher failed to start: ${error.message}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
});
