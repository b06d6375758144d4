import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { InitiativesModule } from '@km/initiatives';
import { StaffHttpModule } from '../staff/staff-http.module';
import { BrokerPagesController } from './broker-pages.controller';
import { ProjectDraftPagesController } from './project-draft-pages.controller';

/** Mäklarvyn (`/maklare`): the broker's pages behind the staff login. */
@Module({
  imports: [InitiativesModule, StaffHttpModule],
  controllers: [BrokerPagesController, ProjectDraftPagesController],
})
export class BrokerPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser()).forRoutes(BrokerPagesController, ProjectDraftPagesController);
  }
}
