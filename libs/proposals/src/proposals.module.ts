import { Module } from '@nestjs/common';
import { MatchingRunService } from './matching-run.service';
import { MatchingScopeLoader } from './matching-scope.loader';
import { ProposalQuery } from './proposal.query';
import { ProposalWriter } from './proposal.writer';

@Module({
  providers: [MatchingScopeLoader, ProposalWriter, MatchingRunService, ProposalQuery],
  exports: [MatchingRunService, ProposalQuery],
})
export class ProposalsModule {}
