import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthUser } from '@km/auth';
import { DomainError, FieldProblem, NotFoundError } from '@km/common';
import {
  BrokerWorkspaceService,
  CrossBorderDecisionError,
  InitiativesService,
  InitiativeStatus,
  INITIATIVE_STATUSES,
  NeedAlreadyCommittedError,
  ProposalDecisionService,
  PROPOSAL_STATUSES,
  ProposalNotOpenError,
  ProposalStatus,
  InvalidStatusTransitionError,
  InitiativeNotPlannedError,
  OfferingWithdrawnError,
  StartInPastError,
  StartWindowFullError,
  StartWindowRemovedError,
  mayDecide,
} from '@km/initiatives';
import { StaffPages } from '../staff/staff-pages';
import { CSRF_FIELD, sendPage, StaffSession } from '../staff/staff-session';
import { renderForbidden, renderMessage, StaffViewer } from '../staff/staff.page';
import {
  formText,
  isForbidden,
  STALE_FORM_SV,
  UUID_PATTERN,
  withinScope,
} from '../staff/staff-page-helpers';
import { BROKER_PATH, initiativePath, proposalPath } from './broker-page-parts';
import {
  INITIATIVES_PAGE_SIZE,
  INITIATIVES_PATH,
  InitiativeModel,
  renderCancelConfirmation,
  renderInitiative,
  renderInitiativeList,
} from './initiative.page';
import { renderNeed } from './need.page';
import { QUEUE_PAGE_SIZE, QueueFilters, renderQueue } from './proposal-queue.page';
import { renderAlreadyDecided, renderNotApprovable, renderProposal } from './proposal.page';

const BROKER_ROLES = ['broker', 'admin'] as const;
const LAST_SEEN_COOKIE = 'km_maklare_sedd';
const STALE_FORM = STALE_FORM_SV;
const OUT_OF_SCOPE =
  'Det här hör till ett annat lärcentrums kommuner. Du kan bara se och besluta om dina egna.';
const UUID = UUID_PATTERN;
const NOTE_MAX = 1000;

type Access = { user: AuthUser; viewer: StaffViewer };

const text = formText;
/** Refusals whose Swedish message is written for the broker (libs/initiatives broker.errors). */
const isNotApprovable = (error: unknown): error is DomainError =>
  error instanceof StartWindowFullError ||
  error instanceof StartWindowRemovedError ||
  error instanceof InitiativeNotPlannedError ||
  error instanceof OfferingWithdrawnError ||
  error instanceof StartInPastError;

/**
 * Mäklarvyn: the broker's Swedish pages. Proposals (queue, page, approve/reject), initiatives
 * (list, page, start, outcome, cancel) and needs, all server-rendered and working without
 * JavaScript. Every write is a form POST with the session's CSRF token, answered with a redirect
 * (PRG); a refused write (forged form, another region, a decision that is already taken) changes
 * nothing, says so in Swedish and is written to the audit log.
 */
@ApiExcludeController()
@Controller('maklare')
export class BrokerPagesController {
  constructor(
    private readonly pages: StaffPages,
    private readonly session: StaffSession,
    private readonly workspace: BrokerWorkspaceService,
    private readonly decisions: ProposalDecisionService,
    private readonly initiatives: InitiativesService,
  ) {}

  @Get()
  async queue(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    const filters = readQueueFilters(query);
    const lastSeen = readLastSeen(req);
    const queue = await this.workspace.queue(
      access.user,
      {
        status: filters.status,
        kind: KIND_OF_TYP[filters.typ],
        competenceId: filters.kompetens || undefined,
        municipalityCode: filters.kommun || undefined,
        startMonth: filters.start || undefined,
        limit: QUEUE_PAGE_SIZE,
        offset: (filters.sida - 1) * QUEUE_PAGE_SIZE,
      },
      lastSeen,
    );
    res.cookie(LAST_SEEN_COOKIE, String(Date.now()), {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: BROKER_PATH,
      maxAge: 90 * 86_400_000,
    });
    sendPage(res, 200, renderQueue({ viewer: access.viewer, filters, queue, lastSeen }));
  }

  @Get('forslag/:id')
  async proposal(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('beslut') decided?: string,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    await this.showProposal(
      res,
      access,
      id,
      200,
      [],
      { note: '', reason: '' },
      decided === 'avslaget',
    );
  }

  @Post('forslag/:id/godkann')
  async approve(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.writeAccess(req, res, body, 'proposal.approve', 'proposal', id);
    if (!access) return;
    const note = text(body?.anteckning);
    if (note.length > NOTE_MAX) {
      return this.showProposal(
        res,
        access,
        id,
        400,
        [{ field: 'note', message: 'Anteckningen får vara högst 1 000 tecken.' }],
        { note, reason: '' },
      );
    }
    try {
      const { initiativeId } = await this.decisions.approve(access.user, id, note || null);
      res.redirect(303, `${initiativePath(initiativeId)}?klart=godkant`);
    } catch (error) {
      await this.decisionFailed(res, access, id, 'proposal.approve', error);
    }
  }

  @Post('forslag/:id/avsla')
  async reject(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.writeAccess(req, res, body, 'proposal.reject', 'proposal', id);
    if (!access) return;
    const reason = text(body?.skal);
    if (reason.length < 3 || reason.length > NOTE_MAX) {
      const message =
        reason.length === 0
          ? 'Skriv varför du avslår förslaget.'
          : reason.length < 3
            ? 'Skälet måste vara minst 3 tecken.'
            : 'Skälet får vara högst 1 000 tecken.';
      return this.showProposal(res, access, id, 400, [{ field: 'reason', message }], {
        note: '',
        reason,
      });
    }
    try {
      await this.decisions.reject(access.user, id, reason);
      res.redirect(303, `${proposalPath(id)}?beslut=avslaget`);
    } catch (error) {
      await this.decisionFailed(res, access, id, 'proposal.reject', error);
    }
  }

  @Get('insatser')
  async initiativeList(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    const status = (INITIATIVE_STATUSES as readonly string[]).includes(text(query.status))
      ? text(query.status)
      : '';
    const page = pageNumber(query.sida);
    const { items, total } = await this.initiatives.list(access.user, {
      status: status || undefined,
      limit: INITIATIVES_PAGE_SIZE,
      offset: (page - 1) * INITIATIVES_PAGE_SIZE,
    });
    const places = await this.workspace.places(
      items.flatMap((i) => [i.venueMunicipalityCode, ...i.needs.map((n) => n.municipalityCode)]),
    );
    sendPage(
      res,
      200,
      renderInitiativeList({ viewer: access.viewer, status, page, items, total, places }),
    );
  }

  @Get('insatser/:id')
  async initiative(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('klart') done?: string,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    const shown = DONE_QUERY[done ?? ''];
    await this.showInitiative(res, access, id, 200, { done: shown });
  }

  @Post('insatser/:id/starta')
  async start(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.writeAccess(req, res, body, 'initiative.status', 'initiative', id);
    if (!access) return;
    await this.changeStatus(res, access, id, 'running', null, 'startad');
  }

  @Post('insatser/:id/resultat')
  async outcome(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.writeAccess(req, res, body, 'initiative.status', 'initiative', id);
    if (!access) return;
    const values = { women: text(body?.kvinnor), men: text(body?.man) };
    const problems: FieldProblem[] = [];
    const count = (field: 'women' | 'men', label: string) => {
      const value = values[field];
      if (!/^\d{1,5}$/.test(value)) {
        problems.push({
          field,
          message: value
            ? `Ange antalet ${label} som en siffra, till exempel 4.`
            : `Ange hur många ${label} som gick hela utbildningen. Skriv 0 om ingen.`,
        });
      }
      return Number(value);
    };
    const women = count('women', 'kvinnor');
    const men = count('men', 'män');
    if (problems.length) return this.showInitiative(res, access, id, 400, { problems, values });
    const initiative = await this.loadInitiative(access.user, id);
    if (women + men > initiative.participants.total) {
      return this.showInitiative(res, access, id, 400, {
        problems: [
          {
            field: 'women',
            message: `Kvinnor och män tillsammans kan inte vara fler än de ${initiative.participants.total} deltagarna.`,
          },
        ],
        values,
      });
    }
    await this.changeStatus(
      res,
      access,
      id,
      'completed',
      { completed: { women, men } },
      'avslutad',
    );
  }

  @Get('insatser/:id/stall-in')
  async cancelForm(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    await this.withinScope(res, access, async () => {
      const initiative = await this.loadInitiative(access.user, id);
      if (initiative.status !== 'planned' && initiative.status !== 'running') {
        return res.redirect(303, initiativePath(id));
      }
      sendPage(res, 200, renderCancelConfirmation(access.viewer, initiative));
    });
  }

  @Post('insatser/:id/stall-in')
  async cancel(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.writeAccess(req, res, body, 'initiative.status', 'initiative', id);
    if (!access) return;
    const reason = text(body?.skal);
    if (reason.length < 3 || reason.length > NOTE_MAX) {
      const message =
        reason.length === 0
          ? 'Skriv varför insatsen ställs in.'
          : reason.length < 3
            ? 'Skälet måste vara minst 3 tecken.'
            : 'Skälet får vara högst 1 000 tecken.';
      const initiative = await this.loadInitiative(access.user, id).catch((error) => {
        if (isForbidden(error)) return undefined;
        throw error;
      });
      if (!initiative) return sendPage(res, 403, renderForbidden(OUT_OF_SCOPE, access.viewer));
      return sendPage(
        res,
        400,
        renderCancelConfirmation(access.viewer, initiative, reason, [{ field: 'reason', message }]),
      );
    }
    await this.changeStatus(res, access, id, 'cancelled', null, 'installd', reason);
  }

  @Get('behov/:id')
  async need(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const access = await this.pages.requireUser(req, res, BROKER_ROLES);
    if (!access) return;
    if (!UUID.test(id)) throw new NotFoundError('Need', id);
    await this.withinScope(res, access, async () => {
      const need = await this.workspace.need(access.user, id, 'page');
      sendPage(res, 200, renderNeed(access.viewer, need));
    });
  }

  /** The logged-in broker of a form POST with a valid CSRF token; else a refusal, audited. */
  private async writeAccess(
    req: Request,
    res: Response,
    body: Record<string, unknown>,
    action: string,
    entityType: string,
    entityId: string,
  ): Promise<Access | undefined> {
    if (!this.session.verifyPost(req, body?.[CSRF_FIELD])) {
      const user = await this.session.currentUser(req, res);
      await this.workspace.recordRefusal(user, action, entityType, entityId, 'csrf');
      await this.pages.refuse(req, res, 403, STALE_FORM);
      return undefined;
    }
    return this.pages.requireUser(req, res, BROKER_ROLES);
  }

  private async showProposal(
    res: Response,
    access: Access,
    id: string,
    status: number,
    problems: FieldProblem[],
    values: { note: string; reason: string },
    justRejected = false,
  ): Promise<void> {
    await this.withinScope(res, access, async () => {
      const detail = await this.workspace.proposal(access.user, id);
      sendPage(
        res,
        status,
        renderProposal({
          viewer: access.viewer,
          detail,
          mayDecide: mayDecide(access.user, {
            ...detail.proposal,
            deciderLearningCentreId: detail.proposal.decider?.learningCentreId ?? null,
          }),
          ownMunicipalityCodes: access.user.municipalityCodes,
          problems,
          values,
          justRejected: justRejected && detail.proposal.status === 'rejected',
        }),
      );
    });
  }

  /** Runs a page's rendering; an entity of another region answers the Swedish 403 page. */
  private withinScope(res: Response, access: Access, render: () => Promise<unknown>) {
    return withinScope(res, access.viewer, OUT_OF_SCOPE, render);
  }

  /** A refused or stale decision: the "redan beslutad" page (409) or a 403, both audited. */
  private async decisionFailed(
    res: Response,
    access: Access,
    id: string,
    action: string,
    error: unknown,
  ): Promise<void> {
    if (error instanceof CrossBorderDecisionError) {
      await this.workspace.recordRefusal(access.user, action, 'proposal', id, 'cross-border');
      return sendPage(res, 403, renderForbidden(error.message, access.viewer));
    }
    if (isForbidden(error)) {
      await this.workspace.recordRefusal(access.user, action, 'proposal', id, 'out-of-scope');
      return sendPage(res, 403, renderForbidden(OUT_OF_SCOPE, access.viewer));
    }
    if (error instanceof ProposalNotOpenError || error instanceof NeedAlreadyCommittedError) {
      await this.workspace.recordRefusal(access.user, action, 'proposal', id, 'not-open');
      const detail = await this.workspace.proposal(access.user, id);
      return sendPage(res, 409, renderAlreadyDecided(access.viewer, detail));
    }
    if (isNotApprovable(error)) {
      await this.workspace.recordRefusal(access.user, action, 'proposal', id, error.code);
      const detail = await this.workspace.proposal(access.user, id);
      return sendPage(res, 409, renderNotApprovable(access.viewer, detail, error.message));
    }
    throw error;
  }

  private async loadInitiative(user: AuthUser, id: string) {
    if (!UUID.test(id)) throw new NotFoundError('Initiative', id);
    return this.initiatives.get(user, id);
  }

  private async showInitiative(
    res: Response,
    access: Access,
    id: string,
    status: number,
    extra: Partial<Pick<InitiativeModel, 'problems' | 'values' | 'done'>>,
  ): Promise<void> {
    await this.withinScope(res, access, async () => {
      const initiative = await this.loadInitiative(access.user, id);
      const [places, learningCentre] = await Promise.all([
        this.workspace.places([
          initiative.venueMunicipalityCode,
          ...initiative.needs.map((n) => n.municipalityCode),
        ]),
        this.workspace.learningCentreName(initiative.learningCentreId),
      ]);
      sendPage(
        res,
        status,
        renderInitiative({
          viewer: access.viewer,
          initiative,
          learningCentre,
          places,
          mayChange: true,
          problems: extra.problems ?? [],
          values: extra.values ?? { women: '', men: '' },
          done: extra.done,
        }),
      );
    });
  }

  private async changeStatus(
    res: Response,
    access: Access,
    id: string,
    status: InitiativeStatus,
    outcome: { completed: { women: number; men: number } } | null,
    done: string,
    reason: string | null = null,
  ): Promise<void> {
    try {
      await this.loadInitiative(access.user, id);
      await this.initiatives.changeStatus(access.user, id, status, outcome, reason);
      res.redirect(303, `${initiativePath(id)}?klart=${done}`);
    } catch (error) {
      if (isForbidden(error)) {
        await this.workspace.recordRefusal(
          access.user,
          'initiative.status',
          'initiative',
          id,
          'out-of-scope',
        );
        return sendPage(res, 403, renderForbidden(OUT_OF_SCOPE, access.viewer));
      }
      if (error instanceof InvalidStatusTransitionError) {
        await this.workspace.recordRefusal(
          access.user,
          'initiative.status',
          'initiative',
          id,
          'stale',
        );
        return sendPage(
          res,
          409,
          renderMessage(
            access.viewer,
            'Insatsen har redan ändrats',
            'Någon har ändrat insatsen sedan du öppnade sidan, så det du skickade sparades inte. Se hur den ser ut nu.',
            [
              [initiativePath(id), 'Till insatsen'],
              [INITIATIVES_PATH, 'Till insatserna'],
            ],
          ),
        );
      }
      throw error;
    }
  }
}

/** The queue's kind filter in the URL: Swedish words, not the API's codes. */
const KIND_OF_TYP: Record<string, string> = {
  befintlig: 'joint_initiative',
  ny: 'new_initiative',
  plats: 'fill_initiative',
};

const DONE_QUERY: Record<string, InitiativeModel['done']> = {
  godkant: 'approved',
  startad: 'started',
  avslutad: 'completed',
  installd: 'cancelled',
};

function pageNumber(value: unknown): number {
  const n = Number(text(value));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** Unknown filter values fall back to "all": a stale bookmark still shows the queue. */
function readQueueFilters(query: Record<string, unknown>): QueueFilters {
  const status = text(query.status);
  const kind = text(query.typ);
  return {
    status: (PROPOSAL_STATUSES as readonly string[]).includes(status)
      ? (status as ProposalStatus)
      : 'open',
    typ: kind in KIND_OF_TYP ? kind : '',
    kompetens: /^[a-z0-9-]{1,80}$/.test(text(query.kompetens)) ? text(query.kompetens) : '',
    kommun: /^\d{4}$/.test(text(query.kommun)) ? text(query.kommun) : '',
    start: /^20\d\d-(0[1-9]|1[0-2])$/.test(text(query.start)) ? text(query.start) : '',
    sida: pageNumber(query.sida),
  };
}

function readLastSeen(req: Request): Date | undefined {
  const value = Number((req.cookies as Record<string, unknown> | undefined)?.[LAST_SEEN_COOKIE]);
  return Number.isFinite(value) && value > 1_600_000_000_000 && value <= Date.now()
    ? new Date(value)
    : undefined;
}
