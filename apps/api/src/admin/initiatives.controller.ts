import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { Idempotent } from '@km/idempotency';
import {
  EmployerContact,
  InitiativesService,
  InitiativeView,
  ProviderWorkspaceService,
} from '@km/initiatives';
import { API_PREFIX } from '../common/api-prefix';
import { ChangeInitiativeStatusRequestDto, InitiativeQueryDto } from './initiatives.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('admin: initiatives')
@Controller(`${API_PREFIX}/admin/initiatives`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or an initiative outside your region' })
export class InitiativesController {
  constructor(
    private readonly initiatives: InitiativesService,
    private readonly provider: ProviderWorkspaceService,
  ) {}

  /** Providers read their centre's initiatives (`?offeringId=` of another centre: 403). */
  @Get()
  @Authenticated('provider', 'broker', 'regional', 'admin')
  @ApiOkResponse({ description: '{items, total}, newest first' })
  @ApiNotFoundResponse({ description: 'offeringId names no offering' })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: InitiativeQueryDto,
  ): Promise<{ items: InitiativeView[]; total: number }> {
    if (user.role === 'provider') return this.provider.initiativeList(user, query);
    return this.initiatives.list(user, query);
  }

  @Get(':id')
  @Authenticated('provider', 'broker', 'regional', 'admin')
  @ApiOkResponse()
  @ApiNotFoundResponse()
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<InitiativeView | (InitiativeView & { employerContacts: EmployerContact[] })> {
    const view = await this.initiatives.get(user, id);
    // The provider plans the course with the employers: their contacts, audited, once approved.
    if (user.role !== 'provider') return view;
    return { ...view, employerContacts: await this.provider.employerContacts(user, id) };
  }

  @Post(':id/status')
  @HttpCode(200)
  @Authenticated('broker', 'admin')
  @Idempotent()
  @ApiOkResponse({ description: 'The initiative after the change' })
  @ApiConflictResponse({ description: 'A transition the lifecycle does not allow' })
  @ApiNotFoundResponse()
  async changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: ChangeInitiativeStatusRequestDto,
  ): Promise<InitiativeView> {
    return this.initiatives.changeStatus(
      user,
      id,
      body.status,
      body.outcome ?? null,
      body.reason ?? null,
    );
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Authenticated('broker', 'admin')
  @Idempotent()
  @ApiOkResponse({
    description: 'The cancelled initiative; its cohort may be proposed again by the next run',
  })
  @ApiConflictResponse({ description: 'The initiative is not cancelled' })
  @ApiNotFoundResponse()
  async reopen(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<InitiativeView> {
    return this.initiatives.reopenCohort(user, id);
  }
}
