import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import { Idempotent } from '@km/idempotency';
import { ProjectDraftsService, ProjectDraftView } from '@km/initiatives';
import { projectDraftCsv } from '@km/project-drafts';
import { API_PREFIX } from '../common/api-prefix';
import { renderProjectDraftPrint } from '../pages/project-draft.page';
import {
  ExportQueryDto,
  ProjectDraftListResponseDto,
  ProjectDraftQueryDto,
  ProjectDraftResponseDto,
} from './project-drafts.dto';

/**
 * ESF project drafts of the caller's counties (a broker: the counties of its municipalities):
 * the living draft per county × theme, and its approved versions under their own ids.
 */
@ApiTags('admin: project drafts')
@Controller(`${API_PREFIX}/admin/project-drafts`)
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Wrong role, or a draft outside your region' })
export class ProjectDraftsController {
  constructor(private readonly drafts: ProjectDraftsService) {}

  @Get()
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse({
    type: ProjectDraftListResponseDto,
    description: '{items, total}: living drafts, each with its approved versions',
  })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ProjectDraftQueryDto,
  ): Promise<{ items: ProjectDraftView[]; total: number }> {
    return this.drafts.list(user, query);
  }

  @Get(':id')
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse({
    type: ProjectDraftResponseDto,
    description: 'A living draft, or an approved version by its own id',
  })
  @ApiNotFoundResponse()
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ProjectDraftView> {
    return this.drafts.get(user, id);
  }

  @Post(':id/approve')
  @HttpCode(201)
  @Authenticated('broker', 'admin')
  @Idempotent()
  @ApiCreatedResponse({
    type: ProjectDraftResponseDto,
    description: 'The approved version (a frozen snapshot with its own id)',
  })
  @ApiConflictResponse({
    description:
      'Empty, breaks a call rule, unchanged since the last version, or not a living draft',
  })
  @ApiNotFoundResponse()
  async approve(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ProjectDraftView> {
    return this.drafts.approve(user, id);
  }

  /** CSV for Excel (BOM, `;`, decimal comma, Swedish labels), JSON, or the printable page. */
  @Get(':id/export')
  @Authenticated('broker', 'regional', 'admin')
  @ApiExtraModels(ProjectDraftResponseDto)
  @ApiOkResponse({
    description: 'CSV for Excel (default), the JSON document, or the printable HTML page',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/json': { schema: { $ref: getSchemaPath(ProjectDraftResponseDto) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse()
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | ProjectDraftView> {
    const draft = await this.drafts.get(user, id);
    const filename = `esf-projektutkast-${draft.id}${draft.version ? `-version-${draft.version}` : ''}`;
    if (query.format === 'json') {
      res.setHeader('Content-Disposition', `attachment; filename="${filename}.json"`);
      return draft;
    }
    if (query.format === 'html') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${filename}.html"`);
      return renderProjectDraftPrint(draft);
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}.csv"`);
    return projectDraftCsv(draft);
  }

  /** The printable page (until the broker workspace serves it under /maklare). */
  @Get(':id/print')
  @Authenticated('broker', 'regional', 'admin')
  @ApiOkResponse({
    description: 'The printable page',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse()
  async print(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const draft = await this.drafts.get(user, id);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Referrer-Policy', 'same-origin');
    return renderProjectDraftPrint(draft);
  }
}
