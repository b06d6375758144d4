import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { resolveRedisNamespace } from './redis-namespace';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the validated AppConfig, with this database's Redis key space, as APP_CONFIG. */
@Global()
@Module({
  providers: [
    {
      provide: APP_CONFIG,
      useFactory: (): Promise<AppConfig> => resolveRedisNamespace(loadConfig()),
    },
  ],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
