import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataExportService } from '@km/privacy';
import { API_PREFIX } from '../common/api-prefix';
import { THROTTLE, Throttled } from '../common/throttling';
import { NeedDataExportDto } from './data-export.dto';

/** The employer's own copy of what is stored about its need; the tracking token is the key. */
@ApiTags('needs')
@Controller(`${API_PREFIX}/needs`)
export class NeedExportController {
  constructor(private readonly exports: DataExportService) {}

  @Get('track/:token/export')
  @Throttled(THROTTLE.public)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Everything stored about this need (GDPR access request)',
    description:
      'The need, its employer, contact person, e-mails sent and matching outcomes, and the ' +
      'audit entries about it. Each export is recorded in the audit log.',
  })
  @ApiOkResponse({ type: NeedDataExportDto })
  @ApiNotFoundResponse({ description: 'No need has this tracking token' })
  async export(@Param('token') token: string): Promise<NeedDataExportDto> {
    return this.exports.exportNeed(token);
  }
}
