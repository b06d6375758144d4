import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@km/config';
import { dataSourceOptions } from './data-source-options';

/** The PostgreSQL connection for a Nest app; schema comes from migrations, never synchronize. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        // Each context registers its own entities (TypeOrmModule.forFeature in its module).
        autoLoadEntities: true,
        // Start-up already checked the database; do not hang retrying for half a minute.
        retryAttempts: 1,
        retryDelay: 500,
      }),
    }),
  ],
})
export class DatabaseModule {}
