import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { IdempotencyModule } from '@km/idempotency';
import { InitiativesModule } from '@km/initiatives';
import { NeedsModule } from '@km/needs';
import { NotificationsModule } from '@km/notifications';
import { AuditController } from './audit.controller';
import { EmployersController } from './employers.controller';
import { InitiativesController } from './initiatives.controller';
import { MatchingRunsController } from './matching-runs.controller';
import { NeedsAdminController } from './needs-admin.controller';
import { ProjectDraftsController } from './project-drafts.controller';
import { ProposalsController } from './proposals.controller';

/**
 * The broker's admin API: matching runs, proposals, initiatives, ESF project drafts and the audit
 * log.
 */
@Module({
  imports: [AuditModule, NotificationsModule, IdempotencyModule, InitiativesModule, NeedsModule],
  controllers: [
    ProposalsController,
    InitiativesController,
    ProjectDraftsController,
    AuditController,
    MatchingRunsController,
    NeedsAdminController,
    EmployersController,
  ],
})
export class BrokerAdminModule {}
