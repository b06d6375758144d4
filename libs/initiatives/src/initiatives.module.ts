import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { NotificationsModule } from '@km/notifications';
import { OutboxModule } from '@km/outbox';
import { ProjectDraftsModule } from '@km/project-drafts';
import { ProposalsModule } from '@km/proposals';
import { BrokerWorkspaceService } from './broker-workspace.service';
import { InitiativesService } from './initiatives.service';
import { ProjectDraftsService } from './project-drafts.service';
import { ProposalDecisionService } from './proposal-decision.service';
import { ProviderWorkspaceService } from './provider-workspace.service';

/**
 * The broker's side: decisions on proposals, initiatives, ESF project drafts. Needs the global
 * OutboxModule, AuditModule and NotificationsModule in the app.
 */
@Module({
  imports: [ProposalsModule, ProjectDraftsModule, AuditModule, NotificationsModule, OutboxModule],
  providers: [
    ProposalDecisionService,
    InitiativesService,
    ProjectDraftsService,
    BrokerWorkspaceService,
    ProviderWorkspaceService,
  ],
  exports: [
    ProposalDecisionService,
    InitiativesService,
    ProjectDraftsService,
    BrokerWorkspaceService,
    ProviderWorkspaceService,
    ProposalsModule,
  ],
})
export class InitiativesModule {}
