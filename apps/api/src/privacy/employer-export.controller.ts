import { Controller, Get, Header, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { DataExportService } from '@km/privacy';
import { API_PREFIX } from '../common/api-prefix';
import { EmployerDataExportDto } from './data-export.dto';

/** Data subject access: everything stored about one employer. Admin only, and audited. */
@ApiTags('admin: personal data')
@Controller(`${API_PREFIX}/admin/employers`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Admin only' })
export class EmployerExportController {
  constructor(private readonly exports: DataExportService) {}

  @Get(':orgNumber/export')
  @Authenticated('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Everything stored about an employer (GDPR access request)',
    description:
      'The employer, its needs with contact persons, e-mails sent, proposals, rejections, ' +
      'initiatives and the audit entries about them. Each export is recorded in the audit log.',
  })
  @ApiOkResponse({ type: EmployerDataExportDto })
  @ApiBadRequestResponse({ description: 'orgNumber is not an organisationsnummer' })
  @ApiNotFoundResponse({ description: 'No employer has this organisationsnummer' })
  async export(
    @Param('orgNumber') orgNumber: string,
    @CurrentUser() user: AuthUser,
  ): Promise<EmployerDataExportDto> {
    return this.exports.exportEmployer(orgNumber, {
      id: user.id,
      email: user.email,
      role: user.role,
    });
  }
}
