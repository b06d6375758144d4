import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { BrokerWorkspaceService, NeedDetail } from '@km/initiatives';
import { API_PREFIX } from '../common/api-prefix';
import { NeedDetailResponseDto } from './needs-admin.dto';

/**
 * A need as staff see it: a broker those of its municipalities (or pooled at its venues), with
 * the contact to call; regional staff their county's, without contact details; admins all.
 * Every answer that shows contact details is written to the audit log.
 */
@ApiTags('admin: needs')
@Controller(`${API_PREFIX}/admin/needs`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or a need outside your region' })
export class NeedsAdminController {
  constructor(private readonly workspace: BrokerWorkspaceService) {}

  @Get(':id')
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse({
    type: NeedDetailResponseDto,
    description:
      'The need with employer, competences, proposals and initiatives; contact only for brokers and admins',
  })
  @ApiNotFoundResponse()
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<NeedDetail> {
    return this.workspace.need(user, id, 'api');
  }
}
