import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { DataExportService } from './data-export.service';
import { RetentionService } from './retention.service';

/** Personal data: erasure after the retention period and per-employer export. */
@Module({
  imports: [AuditModule],
  providers: [RetentionService, DataExportService],
  exports: [RetentionService, DataExportService],
})
export class PrivacyModule {}
