import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import { Request, Response } from 'express';
import {
  AuthenticationRequiredError,
  AuthService,
  AuthUser,
  InvalidCredentialsError,
} from '@km/auth';
import { DomainError, FieldProblem, InvalidInputError } from '@km/common';
import { APP_CONFIG, AppConfig } from '@km/config';
import {
  isCalendarDate,
  MonitoringInterval,
  MonitoringQuery,
  MonitoringService,
} from '@km/monitoring';
import { ReferenceService } from '@km/reference';
import { THROTTLE, Throttled } from '../common/throttling';
import { sendMonitoringCsv } from './monitoring.controller';
import { CSRF_FIELD, DASHBOARD_PATH, DashboardSession } from './dashboard-session';
import { DashboardFilters, renderDashboard, renderForbidden, renderLogin } from './dashboard.page';

const DASHBOARD_ROLES = new Set(['regional', 'admin']);
const NOT_ALLOWED =
  'Kontot har inte behörighet till uppföljningen. Den är till för regionala handläggare och administratörer.';
const STALE_FORM = 'Formuläret hade gått ut. Försök igen.';
const OTHER_COUNTY = 'Du kan bara se uppföljningen för ditt eget län.';
const isForbidden = (error: unknown) => error instanceof DomainError && error.kind === 'forbidden';

function sendPage(res: Response, status: number, page: string): void {
  res
    .status(status)
    .setHeader('Cache-Control', 'no-store')
    // Not helmet's no-referrer: under it browsers send "Origin: null" with same-origin form
    // POSTs, and the CSRF check needs the real Origin. Other sites still get no referrer.
    .setHeader('Referrer-Policy', 'same-origin')
    .setHeader('X-Robots-Tag', 'noindex')
    .type('html')
    .send(page);
}

/** Too many login attempts: the login page again, in Swedish, with the 429 and Retry-After. */
@Catch(ThrottlerException)
export class LoginThrottledFilter implements ExceptionFilter {
  catch(_exception: ThrottlerException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (!res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
    const page = renderLogin({
      email: '',
      csrfToken: '',
      locked: true,
      problems: [
        {
          field: 'email',
          message: 'För många inloggningsförsök. Vänta en minut och försök sedan igen.',
        },
      ],
    });
    sendPage(res, 429, page);
  }
}

/**
 * The regional dashboard (`/uppfoljning`): server-rendered Swedish pages with a login of their
 * own (session cookie for /uppfoljning only). Charts are drawn by /assets/dashboard.js from a
 * JSON block; every chart has its table, so the page works without JavaScript.
 */
@ApiExcludeController()
@Controller('uppfoljning')
export class DashboardController {
  private readonly session: DashboardSession;

  constructor(
    private readonly auth: AuthService,
    private readonly monitoring: MonitoringService,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.session = new DashboardSession(config);
  }

  @Get('logga-in')
  async loginForm(
    @Req() req: Request,
    @Res() res: Response,
    @Query('utloggad') loggedOut?: string,
    @Query('utgangen') expired?: string,
  ): Promise<void> {
    if (await this.currentUser(req)) return res.redirect(303, DASHBOARD_PATH);
    sendPage(
      res,
      200,
      renderLogin({
        email: '',
        problems: [],
        notice:
          loggedOut !== undefined
            ? 'logged-out'
            : expired !== undefined
              ? 'session-ended'
              : undefined,
        csrfToken: this.session.csrfToken(req, res),
      }),
    );
  }

  @Post('logga-in')
  @Throttled(THROTTLE.login, THROTTLE.loginClient)
  @UseFilters(LoginThrottledFilter)
  async login(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const email = typeof body?.email === 'string' ? body.email.trim().slice(0, 254) : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    const again = (status: number, problems: FieldProblem[]) =>
      sendPage(
        res,
        status,
        renderLogin({ email, problems, csrfToken: this.session.csrfToken(req, res) }),
      );
    if (!this.session.verifyPost(req, body?.[CSRF_FIELD])) {
      return again(403, [{ field: 'email', message: STALE_FORM }]);
    }
    const problems: FieldProblem[] = [];
    if (!email) problems.push({ field: 'email', message: 'Ange din e-postadress.' });
    if (!password) problems.push({ field: 'password', message: 'Ange ditt lösenord.' });
    if (problems.length) return again(400, problems);
    try {
      const result = await this.auth.login(email, password.slice(0, 1024));
      if (!DASHBOARD_ROLES.has(result.role)) {
        return again(403, [{ field: 'email', message: NOT_ALLOWED }]);
      }
      this.session.startSession(req, res, result.accessToken, result.expiresIn);
      res.redirect(303, DASHBOARD_PATH);
    } catch (error) {
      if (!(error instanceof InvalidCredentialsError)) throw error;
      again(401, [{ field: 'email', message: 'Fel e-postadress eller lösenord.' }]);
    }
  }

  @Post('logga-ut')
  async logout(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    if (!this.session.verifyPost(req, body?.[CSRF_FIELD])) {
      const user = await this.currentUser(req);
      return sendPage(
        res,
        403,
        renderForbidden(STALE_FORM, user ? this.session.csrfToken(req, res) : undefined),
      );
    }
    this.session.endSession(req, res);
    res.redirect(303, `${DASHBOARD_PATH}/logga-in?utloggad=1`);
  }

  @Get()
  async dashboard(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const user = await this.requireUser(req, res);
    if (!user) return;
    const filters = readFilters(query, user);
    const csrfToken = this.session.csrfToken(req, res);
    const counties = user.role === 'admin' ? await this.reference.counties() : [];
    const base = {
      user: { email: user.email, role: user.role as 'regional' | 'admin' },
      filters,
      counties,
      csrfToken,
    };
    const problems = filterProblems(filters);
    if (problems.length) return sendPage(res, 400, renderDashboard({ ...base, problems }));
    try {
      const scope = await this.monitoring.resolveScope(user, toQuery(filters), {
        interval: toInterval(filters.intervall),
        defaultYear: true,
      });
      const { summary, series } = await this.monitoring.report(scope);
      // The form shows the period the figures cover: whole months (weeks), as rounded.
      const shown = { ...filters, fran: series.scope.from, till: series.scope.to };
      const exportHref = `${DASHBOARD_PATH}/export.csv?${new URLSearchParams({ ...shown }).toString()}`;
      sendPage(
        res,
        200,
        renderDashboard({
          ...base,
          filters: shown,
          problems: [],
          result: { summary, series, exportHref },
        }),
      );
    } catch (error) {
      if (error instanceof InvalidInputError) {
        return sendPage(res, 400, renderDashboard({ ...base, problems: swedishProblems(error) }));
      }
      if (isForbidden(error)) return sendPage(res, 403, renderForbidden(OTHER_COUNTY, csrfToken));
      throw error;
    }
  }

  /** The dashboard's CSV with the session cookie (the API's export.csv wants a bearer token). */
  @Get('export.csv')
  async exportCsv(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const user = await this.requireUser(req, res);
    if (!user) return;
    const filters = readFilters(query, user);
    if (filterProblems(filters).length) return res.redirect(303, DASHBOARD_PATH);
    try {
      const scope = await this.monitoring.resolveScope(user, toQuery(filters), {
        interval: toInterval(filters.intervall),
        defaultYear: true,
      });
      await sendMonitoringCsv(this.monitoring, scope, res);
    } catch (error) {
      if (isForbidden(error)) return sendPage(res, 403, renderForbidden(OTHER_COUNTY));
      if (error instanceof InvalidInputError) return res.redirect(303, DASHBOARD_PATH);
      throw error;
    }
  }

  private async currentUser(req: Request): Promise<AuthUser | undefined> {
    const token = this.session.sessionToken(req);
    if (!token) return undefined;
    try {
      return await this.auth.authenticate(token);
    } catch (error) {
      if (error instanceof AuthenticationRequiredError) return undefined;
      throw error;
    }
  }

  /** The logged-in dashboard user, or undefined after answering (login redirect or 403). */
  private async requireUser(req: Request, res: Response): Promise<AuthUser | undefined> {
    const user = await this.currentUser(req);
    if (!user) {
      const expired = this.session.sessionToken(req) !== undefined;
      if (expired) this.session.endSession(req, res);
      res.redirect(303, `${DASHBOARD_PATH}/logga-in${expired ? '?utgangen=1' : ''}`);
      return undefined;
    }
    if (!DASHBOARD_ROLES.has(user.role)) {
      sendPage(res, 403, renderForbidden(NOT_ALLOWED, this.session.csrfToken(req, res)));
      return undefined;
    }
    return user;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const toInterval = (value: DashboardFilters['intervall']): MonitoringInterval =>
  value === 'vecka' ? 'week' : 'month';
const toQuery = (filters: DashboardFilters): MonitoringQuery => ({
  countyCode: filters.lan || undefined,
  from: filters.fran || undefined,
  to: filters.till || undefined,
});

/**
 * The filters as sent; empty dates take the service's defaults (the twelve months up to the
 * last completed one). Regional staff get months only.
 */
function readFilters(query: Record<string, unknown>, user: AuthUser): DashboardFilters {
  return {
    lan: user.role === 'admin' ? text(query.lan) : text(query.lan) || (user.countyCode ?? ''),
    fran: text(query.fran),
    till: text(query.till),
    intervall: user.role === 'admin' && text(query.intervall) === 'vecka' ? 'vecka' : 'manad',
  };
}

function filterProblems(filters: DashboardFilters): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (filters.lan && !/^\d{2}$/.test(filters.lan)) {
    problems.push({ field: 'lan', message: 'Välj ett län i listan.' });
  }
  if (filters.fran && !isCalendarDate(filters.fran)) {
    problems.push({
      field: 'fran',
      message: 'Ange ett giltigt från-datum, till exempel 2026-01-01.',
    });
  }
  if (filters.till && !isCalendarDate(filters.till)) {
    problems.push({
      field: 'till',
      message: 'Ange ett giltigt till-datum, till exempel 2026-12-31.',
    });
  }
  return problems;
}

/** The service's field problems in Swedish, on the filter form's fields. */
function swedishProblems(error: InvalidInputError): FieldProblem[] {
  return error.fieldProblems.map((p) => {
    if (p.field === 'countyCode') return { field: 'lan', message: 'Välj ett län i listan.' };
    if (p.field === 'to') {
      return { field: 'till', message: 'Till-datumet får inte vara före från-datumet.' };
    }
    return {
      field: 'fran',
      message: /at most/.test(p.message)
        ? 'Perioden är för lång för att visas per vecka. Välj ett senare från-datum eller visa per månad.'
        : /has ended/.test(p.message)
          ? 'Välj en månad som har tagit slut. Uppgifterna för en månad visas när månaden är slut.'
          : 'Från-datumet får inte vara efter till-datumet.',
    };
  });
}
