import { Module } from '@nestjs/common';
import { ProjectDraftsModule } from '@km/project-drafts';
import { MatchingRunService } from './matching-run.service';
import { MatchingScopeLoader } from './matching-scope.loader';
import { ProposalQuery } from './proposal.query';
import { ProposalWriter } from './proposal.writer';
import { WhyNotYetService } from './why-not-yet.service';

@Module({
  imports: [ProjectDraftsModule],
  providers: [
    MatchingScopeLoader,
    ProposalWriter,
    MatchingRunService,
    ProposalQuery,
    WhyNotYetService,
  ],
  exports: [MatchingRunService, ProposalQuery, WhyNotYetService],
})
export class ProposalsModule {}
