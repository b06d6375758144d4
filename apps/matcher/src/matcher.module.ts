import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule } from '@km/config';
import { DatabaseModule } from '@km/database';
import { QueueModule } from '@km/queue';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    DatabaseModule,
    QueueModule,
  ],
})
export class MatcherModule {}
