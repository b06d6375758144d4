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
 * The broker's side (and the provider's reading of it): decisions on proposals, initiatives, ESF
 * project drafts; it writes audit rows, notifications and outbox events through their modules.
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
