import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { Idempotent } from '@km/idempotency';
import {
  ProposalDecisionService,
  ProviderWorkspaceService,
  scopeMunicipalities,
} from '@km/initiatives';
import { ProposalQuery, ProposalView } from '@km/proposals';
import { API_PREFIX } from '../common/api-prefix';
import {
  ApproveProposalRequestDto,
  ApproveProposalResponseDto,
  ProposalQueryDto,
  RejectProposalRequestDto,
  RejectProposalResponseDto,
} from './proposals.dto';

/**
 * Proposals for brokers: a broker sees and decides those touching its learning centre's
 * municipalities (venue or any employer); regional staff read their county's. Providers read
 * those on their centre's offerings (`?offeringId=` of another centre: 403) and the
 * new_initiative proposals addressed to their centre; others get 403.
 */
@ApiTags('admin: proposals')
@Controller(`${API_PREFIX}/admin/proposals`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or a proposal outside your region' })
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalQuery,
    private readonly decisions: ProposalDecisionService,
    private readonly provider: ProviderWorkspaceService,
  ) {}

  @Get()
  @Authenticated('provider', 'broker', 'regional', 'admin')
  @ApiOkResponse({ description: '{items, total}, best score first' })
  @ApiNotFoundResponse({ description: 'offeringId names no offering' })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ProposalQueryDto,
  ): Promise<{ items: ProposalView[]; total: number }> {
    if (user.role === 'provider') return this.provider.proposalList(user, query);
    return this.proposals.list({ ...query, municipalityCodes: scopeMunicipalities(user) });
  }

  @Get(':id')
  @Authenticated('provider', 'broker', 'regional', 'admin')
  @ApiOkResponse({ description: 'The proposal with the engine’s explanation and left-out needs' })
  @ApiNotFoundResponse()
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ProposalView> {
    if (user.role === 'provider') return this.provider.proposal(user, id);
    await this.decisions.assertInScope(user, id);
    return this.proposals.get(id, scopeMunicipalities(user));
  }

  @Post(':id/approve')
  @HttpCode(201)
  @Authenticated('broker', 'admin')
  @Idempotent()
  @ApiCreatedResponse({ type: ApproveProposalResponseDto })
  @ApiConflictResponse({ description: 'Not open, or a need is already committed' })
  @ApiNotFoundResponse()
  async approve(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: ApproveProposalRequestDto,
  ): Promise<ApproveProposalResponseDto> {
    return this.decisions.approve(user, id, body.note);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authenticated('broker', 'admin')
  @Idempotent()
  @ApiOkResponse({ type: RejectProposalResponseDto })
  @ApiConflictResponse({ description: 'The proposal is no longer open' })
  @ApiNotFoundResponse()
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: RejectProposalRequestDto,
  ): Promise<RejectProposalResponseDto> {
    return this.decisions.reject(user, id, body.reason);
  }
}
