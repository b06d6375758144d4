import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Authenticated, AuthUser, CurrentUser } from '@km/auth';
import {
  MonitoringScope,
  MonitoringService,
  MonitoringSummary,
  MonitoringTimeseries,
  TimeseriesTable,
  toMonitoringCsv,
} from '@km/monitoring';
import { API_PREFIX } from '../common/api-prefix';
import {
  IntervalQueryDto,
  MonitoringQueryDto,
  SummaryResponseDto,
  TimeseriesQueryDto,
  TimeseriesResponseDto,
} from './monitoring.dto';

/** The file name of an export: the county (or "sverige") and the period. */
export function exportFilename(summary: MonitoringSummary, series: TimeseriesTable): string {
  const parts = [
    'uppfoljning',
    summary.countyCode ?? 'sverige',
    series.scope.from,
    series.scope.to,
  ];
  return `${parts.filter(Boolean).join('-')}.csv`;
}

/**
 * Sends the monitoring CSV as a download: the summary and the rows over the same period (the
 * twelve buckets up to `to` unless `from` is given), read once.
 */
export async function sendMonitoringCsv(
  monitoring: MonitoringService,
  scope: MonitoringScope,
  res: Response,
): Promise<void> {
  const { summary, series } = await monitoring.report(scope);
  res
    .status(200)
    .setHeader('Content-Type', 'text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${exportFilename(summary, series)}"`)
    .setHeader('Cache-Control', 'no-store')
    .send(toMonitoringCsv(summary, series));
}

/**
 * Regional outcome figures (README, Regional monitoring). Regional staff see their own county, admins
 * any county or the whole country. Every figure built from fewer than three employers is "<3".
 */
@ApiTags('monitoring')
@Controller(`${API_PREFIX}/monitoring`)
@Authenticated('regional', 'admin')
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Not regional staff or admin, or another county' })
@ApiBadRequestResponse({ description: 'A bad query parameter (named in errors[].field)' })
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Outcome figures of a county and period',
    description:
      'Needs received, needs matched, initiatives approved, completed and cancelled in the period (whole months; weeks for admins), as of the end of the period; SME share, gender split, cross-border initiatives, unmet demand, ESF drafts and the region\'s targets (each over its own period). Regional staff: whole completed months only; figures that could reveal fewer than three employers are "<3" (see README).',
  })
  @ApiOkResponse({ type: SummaryResponseDto })
  async summary(
    @CurrentUser() user: AuthUser,
    @Query() query: MonitoringQueryDto,
  ): Promise<MonitoringSummary> {
    return this.monitoring.summary(await this.monitoring.resolveScope(user, query));
  }

  @Get('timeseries')
  @ApiOperation({
    summary: 'One metric per week or month',
    description:
      'Every figure counts in the week/month it happened in (needs received, needs matched and initiatives approved). Default period: the twelve months up to the last completed one; at most 260 weeks (admins) or 120 months.',
  })
  @ApiOkResponse({ type: TimeseriesResponseDto })
  async timeseries(
    @CurrentUser() user: AuthUser,
    @Query() query: TimeseriesQueryDto,
  ): Promise<MonitoringTimeseries> {
    const scope = await this.monitoring.resolveScope(user, query, {
      interval: query.interval,
      defaultYear: true,
    });
    const table = await this.monitoring.timeseriesTable(scope, [query.metric]);
    return this.monitoring.timeseries(table, query.metric);
  }

  @Get('export.csv')
  @ApiOperation({
    summary: 'The summary, targets, unmet demand and time series as CSV for Excel',
    description:
      'UTF-8 with BOM, ";"-separated, CRLF, Swedish headers (Avsnitt;Mått;Period;Kommun;Kompetens;Värde), decimal comma; "<3" for figures of fewer than three employers.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; charset=utf-8 (attachment)' })
  async exportCsv(
    @CurrentUser() user: AuthUser,
    @Query() query: IntervalQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const scope = await this.monitoring.resolveScope(user, query, {
      interval: query.interval,
      defaultYear: true,
    });
    await sendMonitoringCsv(this.monitoring, scope, res);
  }
}
