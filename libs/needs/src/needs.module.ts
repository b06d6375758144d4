import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { NotificationsModule } from '@km/notifications';
import { OutboxModule } from '@km/outbox';
import { ReferenceModule } from '@km/reference';
import { NeedEditService } from './need-edit.service';
import { EmployersService } from './employers.service';
import { NeedsService } from './needs.service';

@Module({
  imports: [ReferenceModule, NotificationsModule, AuditModule, OutboxModule],
  providers: [NeedsService, NeedEditService, EmployersService],
  exports: [NeedsService, NeedEditService, EmployersService],
})
export class NeedsModule {}
