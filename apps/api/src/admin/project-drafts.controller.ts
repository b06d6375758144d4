import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { ProjectDraftExport, ProjectDraftsService, ProjectDraftView } from '@km/initiatives';
import { API_PREFIX } from '../common/api-prefix';
import { ExportQueryDto, ProjectDraftQueryDto } from './project-drafts.dto';

/** ESF project drafts of the caller's counties (a broker: the counties of its municipalities). */
@ApiTags('admin: project drafts')
@Controller(`${API_PREFIX}/admin/project-drafts`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or a draft outside your region' })
export class ProjectDraftsController {
  constructor(private readonly drafts: ProjectDraftsService) {}

  @Get()
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse({ description: '{items, total}' })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ProjectDraftQueryDto,
  ): Promise<{ items: ProjectDraftView[]; total: number }> {
    return this.drafts.list(user, query);
  }

  @Get(':id')
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse()
  @ApiNotFoundResponse()
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ProjectDraftView> {
    return this.drafts.get(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authenticated('broker', 'admin')
  @ApiOkResponse()
  @ApiConflictResponse({ description: 'Not a draft any more' })
  @ApiNotFoundResponse()
  async approve(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ProjectDraftView> {
    return this.drafts.approve(user, id);
  }

  /** CSV: UTF-8 with BOM, `;`, Swedish headers; counts of fewer than 3 employers are "<3". */
  @Get(':id/export')
  @Authenticated('broker', 'regional', 'admin')
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse()
  @ApiNotFoundResponse()
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | ProjectDraftExport> {
    const filename = `esf-projektutkast-${id.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60)}`;
    if (query.format === 'json') {
      res.setHeader('Content-Disposition', `attachment; filename="${filename}.json"`);
      return this.drafts.exportJson(user, id);
    }
    const csv = await this.drafts.exportCsv(user, id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}.csv"`);
    return csv;
  }
}
