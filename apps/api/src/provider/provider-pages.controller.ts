import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthUser } from '@km/auth';
import { InvalidInputError, NotFoundError, swedishToday } from '@km/common';
import { EmployerContact, ProviderWorkspaceService } from '@km/initiatives';
import { OfferingLifecycleService } from '@km/lifecycle';
import { OfferingFields, OfferingsService, OfferingView } from '@km/offerings';
import { ReferenceService } from '@km/reference';
import { newFormToken, postedFormToken } from '../pages/form-token';
import { NeedFormReference } from '../pages/need-form.page';
import { FormProblem } from '../pages/need-form.mapper';
import { StaffPages } from '../staff/staff-pages';
import { CSRF_FIELD, sendPage, StaffSession } from '../staff/staff-session';
import { StaffViewer } from '../staff/staff.page';
import { formText, STALE_FORM_SV, UUID_PATTERN, withinScope } from '../staff/staff-page-helpers';
import {
  checkOfferingForm,
  offeringFormValues,
  OfferingFormValues,
  pickOfferingValues,
  ruleProblemsSv,
  withWindowAdded,
  withWindowRemoved,
} from './offering-form.mapper';
import {
  OfferingFormModel,
  renderOfferingForm,
  renderWithdrawConfirmation,
} from './offering-form.page';
import { offeringPath, PROVIDER_PATH } from './provider-paths';
import {
  ProviderDone,
  ProviderNames,
  renderDemand,
  renderOfferingList,
  renderOfferingPage,
} from './provider.page';

const PROVIDER_ROLES = ['provider'] as const;
const OUT_OF_SCOPE = 'Utbudet hör till ett annat lärcentrum. Du kan bara se och ändra ditt eget.';
const LIST_LIMIT = 200;

type Access = { user: AuthUser; viewer: StaffViewer };
type Reference = Pick<NeedFormReference, 'municipalities' | 'competences'>;
/** The offering a form changes, or the one-time token of a new offering's form. */
type FormTarget = Pick<OfferingFormModel, 'offering' | 'formToken'>;

const DONE: Record<string, ProviderDone> = {
  skapat: 'created',
  andrat: 'changed',
  borttaget: 'withdrawn',
};
const text = formText;

/**
 * Utbudsvyn: the provider's Swedish pages. Its centre's offerings (list, page, create, edit with
 * start-window rows added and removed by submit buttons, withdraw with confirmation), where each
 * is used (proposals and initiatives, read-only) and the demand near it that no course meets.
 * Server-rendered, working without JavaScript; every write is a form POST with the session's CSRF
 * token, checked with the API's rules and answered with a redirect (PRG).
 */
@ApiExcludeController()
@Controller('utbud')
export class ProviderPagesController {
  private referenceCache?: Promise<Reference>;

  constructor(
    private readonly pages: StaffPages,
    private readonly session: StaffSession,
    private readonly offerings: OfferingsService,
    private readonly lifecycle: OfferingLifecycleService,
    private readonly workspace: ProviderWorkspaceService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  async list(
    @Req() req: Request,
    @Res() res: Response,
    @Query('klart') done?: string,
  ): Promise<void> {
    const access = await this.readAccess(req, res);
    if (!access) return;
    const { items } = await this.offerings.list(access.user, {
      learningCentreId: access.user.learningCentreId,
      limit: LIST_LIMIT,
      offset: 0,
    });
    const [use, names] = await Promise.all([
      this.workspace.use(
        access.user,
        items.map((o) => o.id),
      ),
      this.names(),
    ]);
    sendPage(
      res,
      200,
      renderOfferingList({
        viewer: access.viewer,
        items: [...items].sort((a, b) => a.title.localeCompare(b.title, 'sv')),
        use,
        names,
        today: swedishToday(),
        done: DONE[done ?? ''],
      }),
    );
  }

  @Get('efterfragan')
  async demand(@Req() req: Request, @Res() res: Response): Promise<void> {
    const access = await this.readAccess(req, res);
    if (!access) return;
    const rows = await this.workspace.demand(access.user);
    sendPage(res, 200, renderDemand(access.viewer, rows, swedishToday()));
  }

  /** The empty form, or pre-filled from a demand row (`?kompetens=&kommun=&fran=&till=&deltagare=`). */
  @Get('nytt')
  async newForm(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.readAccess(req, res);
    if (!access) return;
    const values = await this.prefill(query);
    const fromDemand = Object.keys(values).length > 2;
    await this.sendForm(res, access, 200, values, [], { formToken: newFormToken() }, fromDemand);
  }

  /**
   * The form's one-time token makes a second POST of the same form (a double click, or back and
   * send again) land on the first offering instead of publishing another.
   */
  @Post('nytt')
  async create(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.writeAccess(req, res, body);
    if (!access) return;
    const formToken = postedFormToken(body);
    const createdPath = (id: string) => `${offeringPath(id)}?klart=skapat`;
    const earlier = await this.offerings.createdWithForm(formToken);
    if (earlier) return res.redirect(303, createdPath(earlier.id));
    await this.save(res, access, body, { formToken }, async (fields) => {
      const created = await this.offerings.createOnce(access.user, fields, formToken);
      return createdPath(created.id);
    });
  }

  @Get(':id')
  async offering(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('klart') done?: string,
  ): Promise<void> {
    await this.withOwnOffering(res, this.readAccess(req, res), id, async (access, offering) => {
      const filter = { offeringId: id, limit: 100, offset: 0 };
      const [proposals, initiatives, names] = await Promise.all([
        this.workspace.proposalList(access.user, { ...filter, status: 'open' }),
        this.workspace.initiativeList(access.user, filter),
        this.names(),
      ]);
      const contacts = new Map<string, EmployerContact[]>();
      for (const i of initiatives.items) {
        if (i.status === 'planned' || i.status === 'running') {
          contacts.set(i.id, await this.workspace.employerContacts(access.user, i.id));
        }
      }
      sendPage(
        res,
        200,
        renderOfferingPage({
          viewer: access.viewer,
          offering,
          names,
          proposals: proposals.items,
          initiatives: initiatives.items,
          contacts,
          done: DONE[done ?? ''],
        }),
      );
    });
  }

  @Get(':id/andra')
  async editForm(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    await this.withOwnOffering(res, this.readAccess(req, res), id, (access, offering) =>
      this.sendForm(res, access, 200, offeringFormValues(offering), [], { offering }),
    );
  }

  @Post(':id/andra')
  async edit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    await this.withOwnOffering(res, this.writeAccess(req, res, body), id, (access, offering) =>
      this.save(res, access, body, { offering }, async (fields) => {
        await this.lifecycle.update(access.user, id, fields);
        return `${offeringPath(id)}?klart=andrat`;
      }),
    );
  }

  @Get(':id/ta-bort')
  async withdrawForm(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    await this.withOwnOffering(res, this.readAccess(req, res), id, async (access, offering) => {
      const use = (await this.workspace.use(access.user, [id])).get(id);
      sendPage(
        res,
        200,
        renderWithdrawConfirmation(
          access.viewer,
          offering,
          use ?? { openProposals: 0, liveInitiatives: 0 },
        ),
      );
    });
  }

  @Post(':id/ta-bort')
  async withdraw(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    await this.withOwnOffering(res, this.writeAccess(req, res, body), id, async (access) => {
      await this.lifecycle.withdraw(access.user, id);
      res.redirect(303, `${PROVIDER_PATH}?klart=borttaget`);
    });
  }

  /**
   * A posted offering form: a row button renders it again with the rows changed; otherwise it is
   * checked as the API checks it and saved (then redirected: PRG), or shown with its problems.
   */
  private async save(
    res: Response,
    access: Access,
    body: Record<string, unknown>,
    target: FormTarget,
    write: (fields: OfferingFields) => Promise<string>,
  ): Promise<void> {
    const values = pickOfferingValues(body ?? {});
    if (await this.rowButton(res, access, body, values, target)) return;
    const checked = await checkOfferingForm(values, (input) => this.offerings.problems(input));
    if (!checked.fields) {
      return this.sendForm(res, access, 400, values, checked.problems, target);
    }
    try {
      res.redirect(303, await write(checked.fields));
    } catch (error) {
      // The rules again inside the write (a window passed or a competence went meanwhile).
      if (!(error instanceof InvalidInputError)) throw error;
      const problems = ruleProblemsSv(error.fieldProblems);
      await this.sendForm(res, access, 400, values, problems, target);
    }
  }

  /** "Lägg till startperiod" / "Ta bort startperiod N": the form again with the rows changed. */
  private async rowButton(
    res: Response,
    access: Access,
    body: Record<string, unknown>,
    values: OfferingFormValues,
    target: FormTarget,
  ): Promise<boolean> {
    const remove = text(body?.['ta-bort']);
    if (/^\d{1,2}$/.test(remove)) {
      await this.sendForm(res, access, 200, withWindowRemoved(values, Number(remove)), [], target);
      return true;
    }
    if (text(body?.atgard) === 'lagg-till') {
      await this.sendForm(res, access, 200, withWindowAdded(values), [], target);
      return true;
    }
    return false;
  }

  /** The logged-in provider; else the login page (or a refusal page for another role). */
  private readAccess(req: Request, res: Response): Promise<Access | undefined> {
    return this.pages.requireUser(req, res, PROVIDER_ROLES);
  }

  /** The logged-in provider of a form POST with a valid CSRF token; else a refusal page. */
  private async writeAccess(
    req: Request,
    res: Response,
    body: Record<string, unknown>,
  ): Promise<Access | undefined> {
    if (!this.session.verifyPost(req, body?.[CSRF_FIELD])) {
      await this.pages.refuse(req, res, 403, STALE_FORM_SV);
      return undefined;
    }
    return this.readAccess(req, res);
  }

  /**
   * Runs `use` with one of the caller's own offerings once `granted` gives access (a refusal has
   * answered already): an unknown id answers the 404 page, another centre's the Swedish 403 page.
   */
  private async withOwnOffering(
    res: Response,
    granted: Promise<Access | undefined>,
    id: string,
    use: (access: Access, offering: OfferingView) => Promise<unknown>,
  ): Promise<void> {
    const access = await granted;
    if (!access) return;
    await this.withinScope(res, access, async () => use(access, await this.load(access.user, id)));
  }

  private async load(user: AuthUser, id: string): Promise<OfferingView> {
    if (!UUID_PATTERN.test(id)) throw new NotFoundError('Offering', id);
    return this.offerings.get(user, id);
  }

  /** Runs a page's rendering; another centre's offering answers the Swedish 403 page. */
  private withinScope(res: Response, access: Access, render: () => Promise<unknown>) {
    return withinScope(res, access.viewer, OUT_OF_SCOPE, render);
  }

  private async sendForm(
    res: Response,
    access: Access,
    status: number,
    values: OfferingFormValues,
    problems: FormProblem[],
    target: FormTarget,
    fromDemand = false,
  ): Promise<void> {
    sendPage(
      res,
      status,
      renderOfferingForm({
        viewer: access.viewer,
        reference: await this.referenceData(),
        values,
        problems,
        ...target,
        today: swedishToday(),
        fromDemand,
      }),
    );
  }

  /** The form's values from a demand row's link; unknown or malformed values are left out. */
  private async prefill(query: Record<string, unknown>): Promise<OfferingFormValues> {
    const values: OfferingFormValues = { language: 'sv', deliveryMode: 'onsite' };
    const reference = await this.referenceData();
    const competence = reference.competences.find((c) => c.id === text(query.kompetens));
    if (competence) {
      values.competenceIds = [competence.id];
      // A title needs three characters: "5S" becomes "Utbildning i 5S".
      values.title =
        competence.label.length >= 3 ? competence.label : `Utbildning i ${competence.label}`;
    }
    const municipality = text(query.kommun);
    if (reference.municipalities.some((m) => m.code === municipality)) {
      values.venueMunicipalityCode = municipality;
    }
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (day.test(text(query.fran)) && day.test(text(query.till))) {
      values['startWindows.0.from'] = text(query.fran);
      values['startWindows.0.to'] = text(query.till);
    }
    const participants = Number(text(query.deltagare));
    if (Number.isInteger(participants) && participants >= 1 && participants <= 500) {
      values.minParticipants = String(Math.min(participants, 5));
      values.maxParticipants = String(Math.max(participants, 12));
    }
    return values;
  }

  private async names(): Promise<ProviderNames> {
    const reference = await this.referenceData();
    const municipalities = new Map(reference.municipalities.map((m) => [m.code, m.name]));
    const competences = new Map(reference.competences.map((c) => [c.id, c.label]));
    return {
      municipality: (code) => municipalities.get(code) ?? code,
      competence: (id) => competences.get(id) ?? id,
    };
  }

  private referenceData(): Promise<Reference> {
    this.referenceCache ??= (async () => {
      const [municipalities, competences] = await Promise.all([
        this.reference.municipalities(),
        this.reference.searchCompetences(undefined, 100_000),
      ]);
      return { municipalities, competences };
    })();
    this.referenceCache.catch(() => (this.referenceCache = undefined));
    return this.referenceCache;
  }
}
