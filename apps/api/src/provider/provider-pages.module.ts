import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { InitiativesModule } from '@km/initiatives';
import { LifecycleModule } from '@km/lifecycle';
import { OfferingsModule } from '@km/offerings';
import { ReferenceModule } from '@km/reference';
import { StaffHttpModule } from '../staff/staff-http.module';
import { ProviderPagesController } from './provider-pages.controller';

/** Utbudsvyn (`/utbud`): the provider's pages behind the staff login. */
@Module({
  imports: [InitiativesModule, LifecycleModule, OfferingsModule, ReferenceModule, StaffHttpModule],
  controllers: [ProviderPagesController],
})
export class ProviderPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser()).forRoutes(ProviderPagesController);
  }
}
