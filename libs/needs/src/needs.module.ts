import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { NotificationsModule } from '@km/notifications';
import { ReferenceModule } from '@km/reference';
import { NeedEditService } from './need-edit.service';
import { NeedsService } from './needs.service';

@Module({
  imports: [ReferenceModule, NotificationsModule, AuditModule],
  providers: [NeedsService, NeedEditService],
  exports: [NeedsService, NeedEditService],
})
export class NeedsModule {}
