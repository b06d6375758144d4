import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuditService, AuditView } from '@km/audit';
import { Authenticated } from '@km/auth';
import { API_PREFIX } from '../common/api-prefix';
import { AuditListResponseDto, AuditQueryDto } from './audit.dto';

/** The audit log of broker and admin actions; admin only (it spans every region). */
@ApiTags('admin: audit')
@Controller(`${API_PREFIX}/admin/audit`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Admin only' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authenticated('admin')
  @ApiOkResponse({ type: AuditListResponseDto, description: '{items, total}, newest first' })
  async list(@Query() query: AuditQueryDto): Promise<{ items: AuditView[]; total: number }> {
    return this.audit.list(query);
  }
}
