import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { SUPPRESSED } from '@km/common';
import {
  MONITORING_INTERVALS,
  MonitoringInterval,
  TIMESERIES_METRICS,
  TimeseriesMetric,
  UNMET_BY_DIMENSION_LIMIT,
  UNMET_DEMAND_LIMIT,
} from '@km/monitoring';
import { REGION_TARGET_METRICS } from '@km/reference';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MonitoringQueryDto {
  @ApiPropertyOptional({
    description:
      'County (län), e.g. 18. Regional staff: their own county (the default; another is 403). Admin: any county, or none for the whole country.',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'countyCode must be a two-digit county code' })
  readonly countyCode?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'e.g. 2026-01-01. First day (Europe/Stockholm, inclusive), moved back to the first day of its month (week). Default: all time (summary), twelve months (series, CSV).',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date written YYYY-MM-DD' })
  readonly from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'e.g. 2026-12-31. Last day (inclusive), moved on to the last day of its month (week). Regional staff: at the latest the last completed month (the default).',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date written YYYY-MM-DD' })
  readonly to?: string;
}

export class IntervalQueryDto extends MonitoringQueryDto {
  @ApiPropertyOptional({
    enum: MONITORING_INTERVALS,
    default: 'month',
    description: 'week: admins only (regional figures are per month)',
  })
  @IsOptional()
  @IsIn(MONITORING_INTERVALS, { message: 'interval must be week or month' })
  readonly interval: MonitoringInterval = 'month';
}

export class TimeseriesQueryDto extends IntervalQueryDto {
  @ApiProperty({ enum: TIMESERIES_METRICS })
  @IsIn(TIMESERIES_METRICS, {
    message: `metric must be one of ${TIMESERIES_METRICS.join(', ')}`,
  })
  readonly metric: TimeseriesMetric;
}

/** A figure, or "<3" when it was built from (or would reveal) fewer than three employers. */
function ApiProtected(description?: string, nullable = false): PropertyDecorator {
  return ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string', enum: [SUPPRESSED] }],
    nullable,
    description:
      `${description ?? ''} "<3" when built from fewer than three employers or when it would let one be worked out.`.trim(),
  });
}

type Figure = number | typeof SUPPRESSED;

export class FunnelDto {
  @ApiProtected('Needs received in the period') readonly received: Figure;
  @ApiProtected('Needs matched in the period') readonly matched: Figure;
}

export class InitiativeEventsDto {
  @ApiProtected('Joint initiatives completed in the period') readonly completed: Figure;
  @ApiProtected('Joint initiatives cancelled in the period') readonly cancelled: Figure;
}

export class EmployersPerInitiativeBinDto {
  @ApiProperty({ description: 'Employers pooled in one initiative' }) readonly employers: number;
  @ApiProperty({ description: 'True for the last bin: that many employers or more' })
  readonly orMore: boolean;
  @ApiProtected('Joint initiatives approved in the period pooling that many employers')
  readonly initiatives: Figure;
}

export class EmployersBySizeDto {
  @ApiProtected('Employers with needs with fewer than 250 employees') readonly sme: Figure;
  @ApiProtected('Employers with needs with 250 employees or more') readonly large: Figure;
}

export class CrossBorderDto {
  @ApiProperty({ example: '19' }) readonly venueCountyCode: string;
  @ApiProperty({ example: 'Västmanlands län' }) readonly venueCountyName: string;
  @ApiProperty({ example: '18' }) readonly needsCountyCode: string;
  @ApiProperty({ example: 'Örebro län' }) readonly needsCountyName: string;
  @ApiProtected(
    'Joint initiatives approved in the period, held in the venue county, with needs from the needs county',
  )
  readonly initiatives: Figure;
}

export class GenderSplitDto {
  @ApiProtected() readonly women: Figure;
  @ApiProtected() readonly men: Figure;
  @ApiProtected('Participants whose gender the employer did not state') readonly notStated: Figure;
}

export class UnmetDemandRowDto {
  @ApiProperty() readonly competenceId: string;
  @ApiProperty() readonly competenceLabel: string;
  @ApiProperty() readonly municipalityCode: string;
  @ApiProperty() readonly municipalityName: string;
  @ApiProtected() readonly participants: Figure;
}

export class UnmetByCompetenceDto {
  @ApiProperty() readonly competenceId: string;
  @ApiProperty() readonly competenceLabel: string;
  @ApiProtected() readonly participants: Figure;
}

export class UnmetByMunicipalityDto {
  @ApiProperty() readonly municipalityCode: string;
  @ApiProperty() readonly municipalityName: string;
  @ApiProtected() readonly participants: Figure;
}

export class TargetDto {
  @ApiProperty({ example: '18-employers-with-initiative' }) readonly id: string;
  @ApiProperty({ example: '18' }) readonly countyCode: string;
  @ApiProperty({ example: 'Örebro län' }) readonly countyName: string;
  @ApiProperty({ enum: REGION_TARGET_METRICS }) readonly metric: string;
  @ApiProperty({ example: 'Arbetsgivare som deltar i minst en gemensam insats' })
  readonly name: string;
  @ApiProperty({ enum: ['count', 'percent'] }) readonly unit: string;
  @ApiProperty({ example: 11 }) readonly target: number;
  @ApiProtected('Actual over the target period (percent for unit percent).', true)
  readonly actual: Figure | null;
  @ApiProperty({
    enum: ['completed', 'approved'],
    nullable: true,
    description:
      'Gender share: from completed participants once an outcome is recorded, approved participants until then',
  })
  readonly basis: string | null;
  @ApiProperty({
    enum: ['women', 'men'],
    nullable: true,
    description: 'Gender share: the gender the share counts (the smaller one); null when not shown',
  })
  readonly gender: string | null;
  @ApiProperty({ format: 'date', description: 'The actual describes the start of this day' })
  readonly asOf: string;
  @ApiProperty({ format: 'date', nullable: true }) readonly periodStart: string | null;
  @ApiProperty({ format: 'date', nullable: true }) readonly periodEnd: string | null;
}

export class SummaryResponseDto {
  @ApiProperty({ nullable: true, example: '18' }) readonly countyCode: string | null;
  @ApiProperty({ example: 'Örebro län' }) readonly countyName: string;
  @ApiProperty({ format: 'date', nullable: true, description: 'First day (whole months/weeks)' })
  readonly from: string | null;
  @ApiProperty({ format: 'date', description: 'Last day (whole months/weeks)' })
  readonly to: string;
  @ApiProperty({
    format: 'date',
    description: 'The clock: the figures describe what had happened before this day began',
  })
  readonly asOf: string;
  @ApiProperty({ description: 'True when from/to were moved to whole months (or weeks)' })
  readonly periodAdjusted: boolean;
  @ApiProtected('Distinct employers with needs received in the period') readonly employers: Figure;
  @ApiProtected('Needs received in the period') readonly needs: Figure;
  @ApiProtected() readonly participantsRequested: Figure;
  @ApiProtected('Needs committed to an initiative approved in the period')
  readonly matchedNeeds: Figure;
  @ApiProtected('matchedNeeds / needs of the period (may pass 1)', true)
  readonly matchRate: Figure | null;
  @ApiProtected('Median days from a need to the approval of its initiative', true)
  readonly medianDaysToMatch: Figure | null;
  @ApiProperty({ type: FunnelDto }) readonly funnel: FunnelDto;
  @ApiProtected('Joint initiatives (≥ 2 employers) approved in the period, in the venue county')
  readonly initiatives: Figure;
  @ApiProperty({ type: InitiativeEventsDto }) readonly initiativeEvents: InitiativeEventsDto;
  @ApiProtected('Mean distinct employers per joint initiative', true)
  readonly employersPerInitiative: Figure | null;
  @ApiProperty({ type: [EmployersPerInitiativeBinDto] })
  readonly employersPerInitiativeDistribution: EmployersPerInitiativeBinDto[];
  @ApiProtected('Distinct employers in joint initiatives') readonly pooledEmployers: Figure;
  @ApiProtected('Employers with < 250 employees / employers with needs, 0..1', true)
  readonly smeShare: Figure | null;
  @ApiProperty({ type: EmployersBySizeDto }) readonly employersBySize: EmployersBySizeDto;
  @ApiProperty({ type: GenderSplitDto }) readonly participantsByGender: GenderSplitDto;
  @ApiProperty({
    type: [CrossBorderDto],
    description:
      'Initiatives whose venue and needs are in different counties, one of them this one',
  })
  readonly crossBorder: CrossBorderDto[];
  @ApiProperty({
    format: 'date',
    nullable: true,
    description:
      'The clock of the unmet-demand lists; null (lists empty) when not published: regional staff get them for periods ending with the last completed month',
  })
  readonly unmetDemandAsOf: string | null;
  @ApiProperty({
    type: [UnmetDemandRowDto],
    description: `Participants of needs received in the period and not matched, withdrawn or past their latest end at unmetDemandAsOf, by competence × municipality: the ${UNMET_DEMAND_LIMIT} largest, suppressed rows last`,
  })
  readonly unmetDemand: UnmetDemandRowDto[];
  @ApiProperty({
    type: [UnmetByCompetenceDto],
    description: `The ${UNMET_BY_DIMENSION_LIMIT} largest`,
  })
  readonly unmetByCompetence: UnmetByCompetenceDto[];
  @ApiProperty({
    type: [UnmetByMunicipalityDto],
    description: `The ${UNMET_BY_DIMENSION_LIMIT} largest`,
  })
  readonly unmetByMunicipality: UnmetByMunicipalityDto[];
  @ApiProtected('Living ESF project drafts started in the period (whatever they hold now)')
  readonly projectDrafts: Figure;
  @ApiProtected('ESF draft versions approved in the period') readonly projectDraftsApproved: Figure;
  @ApiProperty({ type: [TargetDto] }) readonly targets: TargetDto[];
  @ApiProperty({ example: 3 }) readonly smallCountThreshold: number;
}

export class TimeseriesPointDto {
  @ApiProperty({ format: 'date', description: 'First day of the week (Monday) or month' })
  readonly start: string;
  @ApiProtected('Shares are 0..1', true) readonly value: Figure | null;
}

export class TimeseriesResponseDto {
  @ApiProperty({ enum: TIMESERIES_METRICS }) readonly metric: string;
  @ApiProperty({ enum: MONITORING_INTERVALS }) readonly interval: string;
  @ApiProperty({ nullable: true }) readonly countyCode: string | null;
  @ApiProperty() readonly countyName: string;
  @ApiProperty({ format: 'date' }) readonly from: string;
  @ApiProperty({ format: 'date' }) readonly to: string;
  @ApiProperty({ format: 'date' }) readonly asOf: string;
  @ApiProperty({ type: [TimeseriesPointDto] }) readonly points: TimeseriesPointDto[];
}
