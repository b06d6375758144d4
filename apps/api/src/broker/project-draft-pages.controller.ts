import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthUser } from '@km/auth';
import { DomainError } from '@km/common';
import {
  BrokerWorkspaceService,
  ProjectDraftNotApprovableError,
  ProjectDraftsService,
  ProjectDraftView,
} from '@km/initiatives';
import { projectDraftCsv } from '@km/project-drafts';
import { renderProjectDraftPrint } from '../pages/project-draft.page';
import { StaffPages } from '../staff/staff-pages';
import { CSRF_FIELD, sendPage, StaffSession } from '../staff/staff-session';
import { renderForbidden, StaffViewer } from '../staff/staff.page';
import {
  draftPath,
  DRAFTS_PAGE_SIZE,
  renderApproveConfirmation,
  renderDraftList,
  renderDraftPage,
  renderNotApproved,
  unapprovable,
} from './project-draft-pages';

const BROKER_ROLES = ['broker', 'admin'] as const;
const APPROVE = 'project-draft.approve';
const STALE_FORM =
  'Formuläret hade gått ut eller kom inte från den här sidan, så inget godkändes. Ladda om sidan och försök igen.';
const OUT_OF_SCOPE =
  'Utkastet hör till ett annat län. Du kan bara se och godkänna utkasten i dina egna län.';

type Access = { user: AuthUser; viewer: StaffViewer };

const isForbidden = (error: unknown) => error instanceof DomainError && error.kind === 'forbidden';

/**
 * The broker's ESF project drafts (`/maklare/utkast`): the living drafts of the broker's counties,
 * a draft with its approved versions, the approval (confirmation page, form POST with the
 * session's CSRF token, redirect to the new version), the printable page and the CSV export,
 * all through the staff session like the other /maklare pages.
 */
@ApiExcludeController()
@Controller('maklare/utkast')
export class ProjectDraftPagesController {
  constructor(
    private readonly pages: StaffPages,
    private readonly session: StaffSession,
    private readonly workspace: BrokerWorkspaceService,
    private readonly drafts: ProjectDraftsService,
  ) {}

  @Get()
  async list(
    @Req() req: Request,
    @Res() res: Response,
    @Query('sida') sida?: string,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    const n = Number(sida);
    const page = Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
    const { items, total } = await this.drafts.list(access.user, {
      limit: DRAFTS_PAGE_SIZE,
      offset: (page - 1) * DRAFTS_PAGE_SIZE,
    });
    sendPage(res, 200, renderDraftList({ viewer: access.viewer, items, total, page }));
  }

  @Get(':id')
  async draft(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('klart') done?: string,
  ): Promise<void> {
    await this.withDraft(req, res, id, (access, draft) =>
      sendPage(
        res,
        200,
        renderDraftPage({ viewer: access.viewer, draft, justApproved: done === 'godkand' }),
      ),
    );
  }

  @Get(':id/utskrift')
  async print(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.withDraft(req, res, id, (_access, draft) =>
      sendPage(res, 200, renderProjectDraftPrint(draft)),
    );
  }

  @Get(':id/export.csv')
  async csv(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.withDraft(req, res, id, (_access, draft) => {
      const name = `esf-projektutkast-${draft.id}${draft.version ? `-version-${draft.version}` : ''}`;
      res
        .status(200)
        .setHeader('Cache-Control', 'no-store')
        .setHeader('X-Robots-Tag', 'noindex')
        .setHeader('Content-Disposition', `attachment; filename="${name}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(projectDraftCsv(draft));
    });
  }

  @Get(':id/godkann')
  async approveForm(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    await this.withDraft(req, res, id, (access, draft) => {
      // Nothing to confirm: the draft page says why it cannot be approved.
      if (unapprovable(draft)) return res.redirect(303, draftPath(id));
      sendPage(res, 200, renderApproveConfirmation(access.viewer, draft));
    });
  }

  @Post(':id/godkann')
  async approve(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    if (!this.session.verifyPost(req, body?.[CSRF_FIELD])) {
      const user = await this.session.currentUser(req, res);
      await this.workspace.recordRefusal(user, APPROVE, 'project_draft', id, 'csrf');
      return this.pages.refuse(req, res, 403, STALE_FORM);
    }
    await this.withDraft(req, res, id, async (access, draft) => {
      const before = unapprovable(draft);
      if (before) return this.refused(res, access, draft, before);
      try {
        const version = await this.drafts.approve(access.user, id);
        res.redirect(303, `${draftPath(version.id)}?klart=godkand`);
      } catch (error) {
        if (!(error instanceof ProjectDraftNotApprovableError)) throw error;
        // Recomputed meanwhile, or nothing changed since the last version: say which.
        const now = await this.drafts.get(access.user, id);
        const why = unapprovable(now, true);
        if (!why) throw error;
        await this.refused(res, access, now, why);
      }
    });
  }

  /** The draft by id for the logged-in broker; a 403 page (audited for writes) outside its counties. */
  private async withDraft(
    req: Request,
    res: Response,
    id: string,
    then: (access: Access, draft: ProjectDraftView) => unknown,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    let draft: ProjectDraftView;
    try {
      draft = await this.drafts.get(access.user, id);
    } catch (error) {
      if (!isForbidden(error)) throw error;
      if (req.method === 'POST') {
        await this.workspace.recordRefusal(
          access.user,
          APPROVE,
          'project_draft',
          id,
          'out-of-scope',
        );
      }
      return sendPage(res, 403, renderForbidden(OUT_OF_SCOPE, access.viewer));
    }
    await then(access, draft);
  }

  private async refused(
    res: Response,
    access: Access,
    draft: ProjectDraftView,
    why: NonNullable<ReturnType<typeof unapprovable>>,
  ): Promise<void> {
    await this.workspace.recordRefusal(access.user, APPROVE, 'project_draft', draft.id, why.reason);
    sendPage(res, 409, renderNotApproved(access.viewer, draft, why));
  }
}
