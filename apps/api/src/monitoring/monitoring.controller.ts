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
export function exportFilename(scope: MonitoringScope): string {
  const parts = ['uppfoljning', scope.countyCode ?? 'sverige', scope.from, scope.to];
  return `${parts.filter(Boolean).join('-')}.csv`;
}

/** Sends the monitoring CSV as a download. */
export async function sendMonitoringCsv(
  monitoring: MonitoringService,
  scope: MonitoringScope,
  interval: IntervalQueryDto['interval'],
  res: Response,
): Promise<void> {
  const [summary, series] = await Promise.all([
    monitoring.summary(scope),
    monitoring.timeseriesTable(scope, interval),
  ]);
  res
    .status(200)
    .setHeader('Content-Type', 'text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${exportFilename(scope)}"`)
    .setHeader('Cache-Control', 'no-store')
    .send(toMonitoringCsv(summary, series));
}

/**
 * Regional outcome figures (api.md: Monitoring). Regional staff see their own county, admins
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
      "Needs, matching (as of now, for the needs received in the period), initiatives, SME share, gender split, unmet demand, ESF drafts and the region's targets (each over its own period).",
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
      'Needs are counted in the week/month they were received, initiatives in the one they were approved. Default period: the year up to today; at most 260 weeks or 120 months.',
  })
  @ApiOkResponse({ type: TimeseriesResponseDto })
  async timeseries(
    @CurrentUser() user: AuthUser,
    @Query() query: TimeseriesQueryDto,
  ): Promise<MonitoringTimeseries> {
    const scope = await this.monitoring.resolveScope(user, query);
    const table = await this.monitoring.timeseriesTable(scope, query.interval, [query.metric]);
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
    const scope = await this.monitoring.resolveScope(user, query);
    await sendMonitoringCsv(this.monitoring, scope, query.interval, res);
  }
}
