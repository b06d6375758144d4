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
    example: '18',
    description:
      'County (län). Regional staff: their own county (the default; another is 403). Admin: any county, or none for the whole country.',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'countyCode must be a two-digit county code' })
  readonly countyCode?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description: 'First day (Europe/Stockholm, inclusive) of needs received. Default: no limit.',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date written YYYY-MM-DD' })
  readonly from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'Last day (inclusive). Default: no limit.',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date written YYYY-MM-DD' })
  readonly to?: string;
}

export class IntervalQueryDto extends MonitoringQueryDto {
  @ApiPropertyOptional({ enum: MONITORING_INTERVALS, default: 'month' })
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

/** A figure, or "<3" when it was built from fewer than three employers. */
function ApiProtected(description?: string, nullable = false): PropertyDecorator {
  return ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string', enum: [SUPPRESSED] }],
    nullable,
    description: `${description ?? ''} "<3" when built from fewer than three employers.`.trim(),
  });
}

type Figure = number | typeof SUPPRESSED;

export class FunnelDto {
  @ApiProtected('Needs received') readonly received: Figure;
  @ApiProtected('Needs that have been in a proposal') readonly proposed: Figure;
  @ApiProtected('Needs committed to a live initiative') readonly matched: Figure;
}

export class InitiativesByStatusDto {
  @ApiProtected() readonly planned: Figure;
  @ApiProtected() readonly running: Figure;
  @ApiProtected() readonly completed: Figure;
  @ApiProtected() readonly cancelled: Figure;
}

export class EmployersPerInitiativeBinDto {
  @ApiProperty({ description: 'Employers pooled in one initiative' }) readonly employers: number;
  @ApiProtected('Initiatives pooling that many employers') readonly initiatives: Figure;
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
  @ApiProtected() readonly employers: Figure;
  @ApiProtected() readonly participants: Figure;
}

export class UnmetByCompetenceDto {
  @ApiProperty() readonly competenceId: string;
  @ApiProperty() readonly competenceLabel: string;
  @ApiProtected() readonly employers: Figure;
  @ApiProtected() readonly participants: Figure;
}

export class UnmetByMunicipalityDto {
  @ApiProperty() readonly municipalityCode: string;
  @ApiProperty() readonly municipalityName: string;
  @ApiProtected() readonly employers: Figure;
  @ApiProtected() readonly participants: Figure;
}

export class DraftsByStatusDto {
  @ApiProtected() readonly draft: Figure;
  @ApiProtected() readonly approved: Figure;
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
  @ApiProperty({ format: 'date', nullable: true }) readonly periodStart: string | null;
  @ApiProperty({ format: 'date', nullable: true }) readonly periodEnd: string | null;
}

export class SummaryResponseDto {
  @ApiProperty({ nullable: true, example: '18' }) readonly countyCode: string | null;
  @ApiProperty({ example: 'Örebro län' }) readonly countyName: string;
  @ApiProperty({ format: 'date', nullable: true }) readonly from: string | null;
  @ApiProperty({ format: 'date', nullable: true }) readonly to: string | null;
  @ApiProtected('Distinct employers with needs received') readonly employers: Figure;
  @ApiProtected('Needs received in the period') readonly needs: Figure;
  @ApiProtected() readonly participantsRequested: Figure;
  @ApiProtected('Needs (received in the period) now committed to a live initiative')
  readonly matchedNeeds: Figure;
  @ApiProtected('matchedNeeds / needs, 0..1', true) readonly matchRate: Figure | null;
  @ApiProtected('Median days from a need to the approval of its initiative', true)
  readonly medianDaysToMatch: Figure | null;
  @ApiProperty({ type: FunnelDto }) readonly funnel: FunnelDto;
  @ApiProtected('Live (not cancelled) initiatives approved in the period')
  readonly initiatives: Figure;
  @ApiProperty({ type: InitiativesByStatusDto })
  readonly initiativesByStatus: InitiativesByStatusDto;
  @ApiProtected('Mean distinct employers per live initiative', true)
  readonly employersPerInitiative: Figure | null;
  @ApiProperty({ type: [EmployersPerInitiativeBinDto] })
  readonly employersPerInitiativeDistribution: EmployersPerInitiativeBinDto[];
  @ApiProtected('Distinct employers in live initiatives') readonly pooledEmployers: Figure;
  @ApiProtected('Employers with < 250 employees / employers with needs, 0..1', true)
  readonly smeShare: Figure | null;
  @ApiProperty({ type: GenderSplitDto }) readonly participantsByGender: GenderSplitDto;
  @ApiProperty({
    type: [UnmetDemandRowDto],
    description: `Needs with status unmet, by competence × municipality: the ${UNMET_DEMAND_LIMIT} largest, suppressed rows last`,
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
  @ApiProtected('ESF project drafts (draft or approved) created in the period')
  readonly projectDrafts: Figure;
  @ApiProperty({ type: DraftsByStatusDto }) readonly projectDraftsByStatus: DraftsByStatusDto;
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
  @ApiProperty({ type: [TimeseriesPointDto] }) readonly points: TimeseriesPointDto[];
}
