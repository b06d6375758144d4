import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { StaffLoginController } from './staff-login.controller';
import { StaffPages } from './staff-pages';
import { StaffSession } from './staff-session';

/** The staff login (`/logga-in`, `/logga-ut`, `/personal`) and the session the staff pages share. */
@Module({
  providers: [StaffSession, StaffPages],
  controllers: [StaffLoginController],
  exports: [StaffSession, StaffPages],
})
export class StaffHttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Cookies are read only where the staff session lives; the API stays bearer-only.
    consumer.apply(cookieParser()).forRoutes(StaffLoginController);
  }
}
