import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { MonitoringModule } from '@km/monitoring';
import { ReferenceModule } from '@km/reference';
import { StaffHttpModule } from '../staff/staff-http.module';
import { DashboardController } from './dashboard.controller';
import { MonitoringController } from './monitoring.controller';

/** Regional monitoring over HTTP: the JSON/CSV API and the /uppfoljning dashboard. */
@Module({
  imports: [MonitoringModule, ReferenceModule, StaffHttpModule],
  controllers: [MonitoringController, DashboardController],
})
export class MonitoringHttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Cookies are read only where the dashboard session lives; the API stays bearer-only.
    consumer.apply(cookieParser()).forRoutes(DashboardController);
  }
}
