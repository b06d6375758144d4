import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { EmployersService } from '@km/needs';
import { API_PREFIX } from '../common/api-prefix';
import { ConfirmEmployerRequestDto, EmployerFactsDto } from './employers.dto';

/** Employer facts change only when staff confirm them; the public intake never changes them. */
@ApiTags('admin: employers')
@Controller(`${API_PREFIX}/admin/employers`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or a need outside your region' })
export class EmployersController {
  constructor(private readonly employers: EmployersService) {}

  @Post(':orgNumber/confirm')
  @HttpCode(200)
  @Authenticated('broker', 'admin')
  @ApiOperation({
    summary: "Adopt the employer details one need's submitter gave (audited)",
    description:
      'Name, municipality, SNI section and size as stated with the need become the stored ' +
      'employer facts. The audit log keeps the facts before and after.',
  })
  @ApiOkResponse({ type: EmployerFactsDto })
  @ApiBadRequestResponse({ description: 'Malformed organisationsnummer or needId' })
  @ApiNotFoundResponse({ description: 'Unknown employer, or the need is not this employer’s' })
  async confirm(
    @CurrentUser() user: AuthUser,
    @Param('orgNumber') orgNumber: string,
    @Body() body: ConfirmEmployerRequestDto,
  ): Promise<EmployerFactsDto> {
    return this.employers.confirmFromNeed(orgNumber, body.needId, user);
  }
}
