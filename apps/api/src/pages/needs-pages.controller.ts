import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { APP_CONFIG, AppConfig } from '@km/config';
import { DomainError, InvalidInputError, NotFoundError } from '@km/common';
import { NeedEditService, NeedsService, NeedTrackingView, swedishToday } from '@km/needs';
import { WhyNotYetService } from '@km/proposals';
import { NeedLifecycleService } from '@km/lifecycle';
import { ReferenceService } from '@km/reference';
import { THROTTLE, Throttled } from '../common/throttling';
import { isEditable, trackingUrl } from '../needs/needs.dto';
import { asksWhyNotYet, whyNotYetView } from '../needs/why-not-yet';
import {
  checkEditForm,
  checkNeedForm,
  NeedFormValues,
  pickFormValues,
  swedishProblems,
} from './need-form.mapper';
import { editValuesOf, renderNeedEdit, renderNeedLocked } from './need-edit.page';
import { newFormToken, postedFormToken } from './form-token';
import { NeedFormReference, renderNeedForm } from './need-form.page';
import {
  NeedStatusModel,
  renderAlreadySent,
  renderNeedStatus,
  renderNotFound,
  renderWithdrawConfirm,
} from './need-status.page';

/** Fields the "why not matched yet" link may fill in on the edit form. */
const SUGGESTIBLE = [
  'maxTravelKm',
  'maxCostPerParticipantSek',
  'earliestStart',
  'latestEnd',
  'deliveryModes',
] as const;

/**
 * The public Swedish pages of the needs intake, server-rendered and working without JavaScript:
 * the form, the receipt/status page and the withdrawal. They use the same service (and the same
 * rules) as the JSON API.
 */
@ApiExcludeController()
@Controller('behov')
export class NeedsPagesController {
  private referenceCache?: Promise<NeedFormReference>;

  constructor(
    private readonly needs: NeedsService,
    private readonly edits: NeedEditService,
    private readonly whyNotYet: WhyNotYetService,
    private readonly lifecycle: NeedLifecycleService,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('ny')
  async form(@Res() res: Response): Promise<void> {
    await this.sendForm(res, 200, { language: 'sv' }, [], newFormToken());
  }

  /**
   * The form's token makes a second POST of the same form (a double click, or back and send
   * again) land on the first need's receipt instead of storing another need.
   */
  @Post()
  @Throttled(THROTTLE.public)
  async submit(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = pickFormValues(body ?? {});
    const formToken = postedFormToken(body);
    const earlier = await this.needs.submittedWithForm(formToken);
    if (earlier) return this.sendSubmitted(res, earlier);
    const checked = await checkNeedForm(values, (input) => this.needs.problems(input));
    if (!checked.submission) return this.sendForm(res, 400, values, checked.problems, formToken);
    try {
      this.sendSubmitted(res, await this.needs.submitOnce(checked.submission, formToken));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      await this.sendForm(res, 400, values, swedishProblems(error.fieldProblems), formToken);
    }
  }

  private sendSubmitted(
    res: Response,
    submitted: { reference: string; trackingToken: string | null },
  ): void {
    if (submitted.trackingToken) return res.redirect(303, `/behov/${submitted.trackingToken}?ny=1`);
    // The tracking link is gone (withdrawn or erased): the reference is all we can show.
    this.sendPage(res, 200, renderAlreadySent(submitted.reference));
  }

  @Get(':token')
  async status(
    @Param('token') token: string,
    @Query('ny') created: string | undefined,
    @Query('aterkallad') withdrawn: string | undefined,
    @Query('andrad') changed: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const need = await this.find(token);
    if (!need) return this.sendNotFound(res);
    const notice =
      created !== undefined
        ? 'created'
        : withdrawn !== undefined
          ? 'withdrawn'
          : changed !== undefined
            ? 'changed'
            : undefined;
    this.sendPage(res, 200, renderNeedStatus(await this.statusModel(token, need, notice)));
  }

  @Get(':token/andra')
  async editForm(
    @Param('token') token: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const need = await this.find(token);
    if (!need) return this.sendNotFound(res);
    if (!isEditable(need))
      return this.sendPage(res, 200, renderNeedLocked(need, `/behov/${token}`));
    const values = editValuesOf(need);
    const suggested: string[] = [];
    for (const field of SUGGESTIBLE) {
      const v = query[field];
      if (typeof v !== 'string' || v === '' || v.length > 20) continue;
      suggested.push(field);
      if (field !== 'deliveryModes') values[field] = v;
      else if (!need.deliveryModes.includes(v as never))
        values.deliveryModes = [...need.deliveryModes, v];
    }
    this.sendEdit(res, 200, token, need, values, [], suggested);
  }

  @Post(':token/andra')
  @Throttled(THROTTLE.public)
  async edit(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const need = await this.find(token);
    if (!need) return this.sendNotFound(res);
    const values = pickFormValues(body ?? {});
    const checked = await checkEditForm(values);
    if (!checked.changes) return this.sendEdit(res, 400, token, need, values, checked.problems);
    try {
      await this.edits.edit(token, checked.changes);
      res.redirect(303, `/behov/${token}?andrad=1`);
    } catch (error) {
      if (error instanceof InvalidInputError) {
        return this.sendEdit(res, 400, token, need, values, swedishProblems(error.fieldProblems));
      }
      if (error instanceof DomainError && error.kind === 'conflict') {
        const now = (await this.find(token)) ?? need;
        return this.sendPage(res, 409, renderNeedLocked(now, `/behov/${token}`));
      }
      throw error;
    }
  }

  private sendEdit(
    res: Response,
    status: number,
    token: string,
    need: NeedTrackingView,
    values: NeedFormValues,
    problems: { field: string; message: string }[],
    suggested: string[] = [],
  ): void {
    this.sendPage(
      res,
      status,
      renderNeedEdit({
        need,
        values,
        problems,
        suggested,
        today: swedishToday(),
        statusPath: `/behov/${token}`,
        action: `/behov/${token}/andra`,
      }),
    );
  }

  private async statusModel(
    token: string,
    need: NeedTrackingView,
    notice?: NeedStatusModel['notice'],
  ): Promise<NeedStatusModel> {
    const answer =
      asksWhyNotYet(need) && !need.inOpenProposal ? await this.whyNotYet.explain(need.id) : null;
    return {
      need,
      trackingUrl: trackingUrl(this.config.http.publicBaseUrl, token),
      withdrawPath: `/behov/${token}/aterkalla`,
      editPath: isEditable(need) ? `/behov/${token}/andra` : null,
      whyNotYet: whyNotYetView(need, answer),
      renewPath: `/behov/${token}/skicka-igen`,
      notice,
    };
  }

  /** The form again, pre-filled from the need (no personal data, no dates): to renew it. */
  @Get(':token/skicka-igen')
  async renew(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const need = await this.find(token);
    if (!need) return this.sendNotFound(res);
    await this.sendForm(res, 200, renewalValues(need), [], newFormToken());
  }

  @Get(':token/aterkalla')
  async confirmWithdraw(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const need = await this.find(token);
    if (!need) return this.sendNotFound(res);
    if (need.status === 'withdrawn') return res.redirect(303, `/behov/${token}`);
    this.sendPage(
      res,
      200,
      renderWithdrawConfirm(need, `/behov/${token}`, `/behov/${token}/aterkalla`),
    );
  }

  @Post(':token/aterkalla')
  @Throttled(THROTTLE.public)
  async withdraw(@Param('token') token: string, @Res() res: Response): Promise<void> {
    try {
      await this.lifecycle.withdraw(token);
      res.redirect(303, `/behov/${token}?aterkallad=1`);
    } catch (error) {
      if (error instanceof NotFoundError) return this.sendNotFound(res);
      if (error instanceof DomainError && error.kind === 'conflict') {
        const need = await this.needs.track(token);
        return this.sendPage(
          res,
          409,
          renderNeedStatus(await this.statusModel(token, need, 'not-withdrawable')),
        );
      }
      throw error;
    }
  }

  private async find(token: string): Promise<NeedTrackingView | undefined> {
    try {
      return await this.needs.track(token);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private async sendForm(
    res: Response,
    status: number,
    values: NeedFormValues,
    problems: { field: string; message: string }[],
    formToken: string,
  ): Promise<void> {
    const reference = await this.formReference();
    this.sendPage(
      res,
      status,
      renderNeedForm({ reference, values, problems, today: swedishToday(), formToken }),
    );
  }

  private sendNotFound(res: Response): void {
    this.sendPage(res, 404, renderNotFound());
  }

  private sendPage(res: Response, status: number, page: string): void {
    // Token pages must not be cached by shared caches nor indexed.
    res
      .status(status)
      .setHeader('Cache-Control', 'no-store')
      .setHeader('X-Robots-Tag', 'noindex')
      .type('html')
      .send(page);
  }

  /** Reference data changes only with a deploy; loaded once per process. */
  private formReference(): Promise<NeedFormReference> {
    this.referenceCache ??= (async () => {
      const [municipalities, sniSections, competences] = await Promise.all([
        this.reference.municipalities(),
        this.reference.sniSections(),
        this.reference.searchCompetences(undefined, 100_000),
      ]);
      return { municipalities, sniSections, competences };
    })();
    this.referenceCache.catch(() => (this.referenceCache = undefined));
    return this.referenceCache;
  }
}

/** What a renewed need starts from: what was asked for, not who asked or when. */
function renewalValues(need: NeedTrackingView): NeedFormValues {
  return {
    'employer.name': need.employerName,
    'employer.municipalityCode': need.municipalityCode,
    title: need.title,
    description: need.description,
    'participants.total': String(need.participants.total),
    'participants.women': String(need.participants.women),
    'participants.men': String(need.participants.men),
    maxTravelKm: String(need.maxTravelKm),
    maxCostPerParticipantSek:
      need.maxCostPerParticipantSek === null ? undefined : String(need.maxCostPerParticipantSek),
    language: need.language,
    competenceIds: need.competences.map((c) => c.id),
    deliveryModes: need.deliveryModes,
  };
}
