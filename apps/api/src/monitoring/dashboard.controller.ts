import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthUser } from '@km/auth';
import { DomainError, FieldProblem, InvalidInputError } from '@km/common';
import {
  isCalendarDate,
  MonitoringInterval,
  MonitoringQuery,
  MonitoringService,
} from '@km/monitoring';
import { ReferenceService } from '@km/reference';
import { StaffPages } from '../staff/staff-pages';
import { sendPage } from '../staff/staff-session';
import { renderForbidden } from '../staff/staff.page';
import { sendMonitoringCsv } from './monitoring.controller';
import { DASHBOARD_PATH, DashboardFilters, renderDashboard } from './dashboard.page';

const DASHBOARD_ROLES = ['regional', 'admin'] as const;
const OTHER_COUNTY = 'Du kan bara se uppföljningen för ditt eget län.';
const isForbidden = (error: unknown) => error instanceof DomainError && error.kind === 'forbidden';

/**
 * The regional dashboard (`/uppfoljning`): server-rendered Swedish pages behind the staff login
 * (`/logga-in`, shared session). Charts are drawn by /assets/dashboard.js from a JSON block;
 * every chart has its table, so the page works without JavaScript.
 */
@ApiExcludeController()
@Controller('uppfoljning')
export class DashboardController {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly reference: ReferenceService,
    private readonly pages: StaffPages,
  ) {}

  @Get()
  async dashboard(
    @Req() req: Request,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const access = await this.pages.requireUser(req, res, DASHBOARD_ROLES);
    if (!access) return;
    const { user, viewer } = access;
    const filters = readFilters(query, user);
    const counties = user.role === 'admin' ? await this.reference.counties() : [];
    const base = { viewer, filters, counties };
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
      if (isForbidden(error)) return sendPage(res, 403, renderForbidden(OTHER_COUNTY, viewer));
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
    const access = await this.pages.requireUser(req, res, DASHBOARD_ROLES);
    if (!access) return;
    const { user, viewer } = access;
    const filters = readFilters(query, user);
    if (filterProblems(filters).length) return res.redirect(303, DASHBOARD_PATH);
    try {
      const scope = await this.monitoring.resolveScope(user, toQuery(filters), {
        interval: toInterval(filters.intervall),
        defaultYear: true,
      });
      await sendMonitoringCsv(this.monitoring, scope, res);
    } catch (error) {
      if (isForbidden(error)) return sendPage(res, 403, renderForbidden(OTHER_COUNTY, viewer));
      if (error instanceof InvalidInputError) return res.redirect(303, DASHBOARD_PATH);
      throw error;
    }
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
