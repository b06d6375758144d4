import { Module } from '@nestjs/common';
import { ProjectDraftsModule } from '@km/project-drafts';
import { MatchingEnginePool, matchingEngineWorkerFile } from './engine/matching-engine.pool';
import { MatchingRunService } from './matching-run.service';
import { MatchingScopeLoader } from './matching-scope.loader';
import { NeedRematchService } from './need-rematch.service';
import { NeedScopeFinder } from './need-scope.finder';
import { ProposalQuery } from './proposal.query';
import { ProposalWriter } from './proposal.writer';
import { WhyNotYetService } from './why-not-yet.service';

@Module({
  imports: [ProjectDraftsModule],
  providers: [
    MatchingScopeLoader,
    MatchingEnginePool,
    matchingEngineWorkerFile,
    ProposalWriter,
    MatchingRunService,
    ProposalQuery,
    WhyNotYetService,
    NeedScopeFinder,
    NeedRematchService,
  ],
  exports: [
    MatchingRunService,
    ProposalQuery,
    WhyNotYetService,
    MatchingEnginePool,
    NeedRematchService,
  ],
})
export class ProposalsModule {}
