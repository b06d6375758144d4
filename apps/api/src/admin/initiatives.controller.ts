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
import { InitiativesService, InitiativeView } from '@km/initiatives';
import { API_PREFIX } from '../common/api-prefix';
import {
  ChangeInitiativeStatusRequestDto,
  InitiativeListResponseDto,
  InitiativeQueryDto,
  InitiativeResponseDto,
} from './initiatives.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('admin: initiatives')
@Controller(`${API_PREFIX}/admin/initiatives`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or an initiative outside your region' })
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Get()
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse({ type: InitiativeListResponseDto, description: '{items, total}, newest first' })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: InitiativeQueryDto,
  ): Promise<{ items: InitiativeView[]; total: number }> {
    return this.initiatives.list(user, query);
  }

  @Get(':id')
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse({ type: InitiativeResponseDto })
  @ApiNotFoundResponse()
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<InitiativeView> {
    return this.initiatives.get(user, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Authenticated('broker', 'admin')
  @Idempotent()
  @ApiOkResponse({ type: InitiativeResponseDto, description: 'The initiative after the change' })
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
    type: InitiativeResponseDto,
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
