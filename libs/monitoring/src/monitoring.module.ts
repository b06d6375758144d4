import { Module } from '@nestjs/common';
import { MonitoringService } from './monitoring.service';

/** Regional monitoring: outcome figures, targets and exports (read-only SQL over the live tables). */
@Module({
  providers: [MonitoringService],
  exports: [MonitoringService],
})
export class MonitoringModule {}
