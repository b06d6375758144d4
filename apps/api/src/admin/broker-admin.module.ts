import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { InitiativesModule } from '@km/initiatives';
import { NotificationsModule } from '@km/notifications';
import { AuditController } from './audit.controller';
import { InitiativesController } from './initiatives.controller';
import { ProjectDraftsController } from './project-drafts.controller';
import { ProposalsController } from './proposals.controller';

/** The broker's admin API: proposals, initiatives, ESF project drafts and the audit log. */
@Module({
  imports: [AuditModule, NotificationsModule, InitiativesModule],
  controllers: [
    ProposalsController,
    InitiativesController,
    ProjectDraftsController,
    AuditController,
  ],
})
export class BrokerAdminModule {}
