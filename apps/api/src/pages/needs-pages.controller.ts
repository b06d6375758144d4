import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { APP_CONFIG, AppConfig } from '@km/config';
import { DomainError, InvalidInputError, NotFoundError } from '@km/common';
import { NeedsService, NeedTrackingView, swedishToday } from '@km/needs';
import { ReferenceService } from '@km/reference';
import { THROTTLE, Throttled } from '../common/throttling';
import { trackingUrl } from '../needs/needs.dto';
import { checkNeedForm, NeedFormValues, pickFormValues, swedishMessage } from './need-form.mapper';
import { NeedFormReference, renderNeedForm } from './need-form.page';
import { renderNeedStatus, renderNotFound, renderWithdrawConfirm } from './need-status.page';

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
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('ny')
  async form(@Res() res: Response): Promise<void> {
    await this.sendForm(res, 200, { language: 'sv' }, []);
  }

  @Post()
  @Throttled(THROTTLE.public)
  async submit(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = pickFormValues(body ?? {});
    const checked = await checkNeedForm(values, (input) => this.needs.problems(input));
    if (!checked.submission) return this.sendForm(res, 400, values, checked.problems);
    try {
      const submitted = await this.needs.submit(checked.submission);
      res.redirect(303, `/behov/${submitted.trackingToken}?ny=1`);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const problems = error.fieldProblems.map((p) => ({
        field: p.field,
        message: swedishMessage(p.field, (p as { code?: string }).code ?? ''),
      }));
      await this.sendForm(res, 400, values, problems);
    }
  }

  @Get(':token')
  async status(
    @Param('token') token: string,
    @Query('ny') created: string | undefined,
    @Query('aterkallad') withdrawn: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const need = await this.find(token);
    if (!need) return this.sendNotFound(res);
    this.sendPage(
      res,
      200,
      renderNeedStatus({
        need,
        trackingUrl: trackingUrl(this.config.http.publicBaseUrl, token),
        withdrawPath: `/behov/${token}/aterkalla`,
        notice:
          created !== undefined ? 'created' : withdrawn !== undefined ? 'withdrawn' : undefined,
      }),
    );
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
      await this.needs.withdraw(token);
      res.redirect(303, `/behov/${token}?aterkallad=1`);
    } catch (error) {
      if (error instanceof NotFoundError) return this.sendNotFound(res);
      if (error instanceof DomainError && error.kind === 'conflict') {
        const need = await this.needs.track(token);
        return this.sendPage(
          res,
          409,
          renderNeedStatus({
            need,
            trackingUrl: trackingUrl(this.config.http.publicBaseUrl, token),
            withdrawPath: `/behov/${token}/aterkalla`,
            notice: 'not-withdrawable',
          }),
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
  ): Promise<void> {
    const reference = await this.formReference();
    this.sendPage(
      res,
      status,
      renderNeedForm({ reference, values, problems, today: swedishToday() }),
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
