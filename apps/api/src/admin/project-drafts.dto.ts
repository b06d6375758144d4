import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';

/** `approved`: living drafts with at least one approved version. */
export const PROJECT_DRAFT_STATUSES = ['draft', 'empty', 'approved'] as const;
export const EXPORT_FORMATS = ['csv', 'json', 'html'] as const;

export class ProjectDraftQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_DRAFT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_DRAFT_STATUSES, {
    message: `status must be one of ${PROJECT_DRAFT_STATUSES.join(', ')}`,
  })
  readonly status?: string;

  @ApiPropertyOptional({ description: 'County, e.g. 18 (no filter when empty)' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'countyCode must be a two-digit county code' })
  readonly countyCode?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'format must be csv, json or html' })
  readonly format: 'csv' | 'json' | 'html' = 'csv';
}

class DraftParticipantsDto {
  @ApiProperty({ minimum: 0 }) readonly total: number;
  @ApiProperty({ minimum: 0 }) readonly women: number;
  @ApiProperty({ minimum: 0 }) readonly men: number;
}

class DraftParticipantsWithUnknownDto extends DraftParticipantsDto {
  @ApiProperty({ minimum: 0, description: 'Gender not stated' }) readonly notStated: number;
}

class NamedRefDto {
  @ApiProperty() readonly id: string;
  @ApiProperty() readonly name: string;
}

class DraftItemDto {
  @ApiProperty({ enum: ['initiative', 'proposal'] }) readonly kind: string;
  @ApiProperty({ format: 'uuid' }) readonly proposalId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) readonly initiativeId:
    string | null;
  @ApiProperty({ enum: ['joint_initiative', 'new_initiative'] }) readonly proposalKind: string;
  @ApiProperty() readonly title: string;
  @ApiProperty({ enum: ['open', 'planned', 'running', 'completed'] }) readonly status: string;
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly venueMunicipalityCode: string;
  @ApiProperty() readonly venueMunicipalityName: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) readonly startDate: string | null;
  @ApiProperty({ type: String, enum: ['onsite', 'remote', 'hybrid'], nullable: true })
  readonly deliveryMode: string | null;
  @ApiProperty({ minimum: 0 }) readonly totalCostSek: number;
  @ApiProperty({ type: [NamedRefDto] }) readonly employers: NamedRefDto[];
  @ApiProperty({ type: DraftParticipantsDto }) readonly participants: DraftParticipantsDto;
  @ApiProperty({ type: Number, nullable: true }) readonly costPerParticipantSek: number | null;
}

class DraftEmployerDto {
  @ApiProperty() readonly id: string;
  @ApiProperty() readonly name: string;
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly municipalityCode: string;
  @ApiProperty() readonly municipalityName: string;
  @ApiProperty({ description: 'Fewer than 250 employees' }) readonly sme: boolean;
  @ApiProperty({ minimum: 0 }) readonly participants: number;
}

class MunicipalityRefDto {
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly code: string;
  @ApiProperty() readonly name: string;
}

class AgeBandCountDto {
  @ApiProperty({ type: String, enum: ['under_30', '30_54', '55_plus'], nullable: true })
  readonly band: string | null;
  @ApiProperty({ minimum: 0 }) readonly participants: number;
}

class EducationLevelCountDto {
  @ApiProperty({ type: String, enum: ['isced_0_2', 'isced_3_4', 'isced_5_8'], nullable: true })
  readonly level: string | null;
  @ApiProperty({ minimum: 0 }) readonly participants: number;
}

class DraftBudgetDto {
  @ApiProperty() readonly totalSek: number;
  @ApiProperty() readonly esfSek: number;
  @ApiProperty() readonly nationalSek: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) readonly nationalShare: number;
  @ApiProperty({ type: Number, nullable: true }) readonly costPerParticipantSek: number | null;
}

class EsfCallRulesDto {
  @ApiProperty() readonly minEmployers: number;
  @ApiProperty() readonly minMunicipalities: number;
  @ApiProperty() readonly budgetMinSek: number;
  @ApiProperty() readonly budgetMaxSek: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) readonly genderMinShare: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) readonly nationalCofinancingShare: number;
}

class CriterionDto {
  @ApiProperty({
    enum: ['employers', 'municipalities', 'budget_min', 'budget_max', 'gender_balance'],
  })
  readonly name: string;
  @ApiProperty({ description: 'Breaking a hard rule makes the draft ineligible' })
  readonly hard: boolean;
  @ApiProperty() readonly met: boolean;
  @ApiProperty() readonly required: number;
  @ApiProperty() readonly actual: number;
  @ApiProperty({ description: 'Swedish, e.g. "Minst 3 arbetsgivare: 2 deltar."' })
  readonly text: string;
  @ApiProperty({ type: String, nullable: true }) readonly missing: string | null;
}

class HorizontalCriteriaDto {
  @ApiProperty() readonly jamstalldhet: string;
  @ApiProperty() readonly tillganglighet: string;
}

class ProjectDraftVersionRefDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ minimum: 1 }) readonly version: number;
  @ApiProperty({ format: 'date-time' }) readonly approvedAt: string;
}

/** A living draft or an approved version (`ProjectDraftView` of @km/project-drafts). */
export class ProjectDraftResponseDto {
  @ApiProperty() readonly id: string;
  @ApiProperty({ description: 'The living draft (for a version: the draft it was approved from)' })
  readonly draftId: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null for the living draft' })
  readonly version: number | null;
  @ApiProperty({ enum: PROJECT_DRAFT_STATUSES }) readonly status: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly approvedByRole: string | null;
  @ApiProperty({ type: [ProjectDraftVersionRefDto], description: 'Newest first' })
  readonly versions: ProjectDraftVersionRefDto[];
  @ApiProperty({ pattern: '^\\d{2}$' }) readonly countyCode: string;
  @ApiProperty() readonly countyName: string;
  @ApiProperty() readonly theme: string;
  @ApiProperty() readonly themeLabel: string;
  @ApiProperty({ format: 'date-time' }) readonly computedAt: string;
  @ApiProperty({ type: [String] }) readonly proposalIds: string[];
  @ApiProperty({ type: [DraftItemDto] }) readonly items: DraftItemDto[];
  @ApiProperty({ type: [DraftEmployerDto] }) readonly employers: DraftEmployerDto[];
  @ApiProperty({ type: [MunicipalityRefDto] }) readonly municipalities: MunicipalityRefDto[];
  @ApiProperty({ type: DraftParticipantsWithUnknownDto })
  readonly participants: DraftParticipantsWithUnknownDto;
  @ApiProperty({ type: [AgeBandCountDto] }) readonly ageBands: AgeBandCountDto[];
  @ApiProperty({ type: [EducationLevelCountDto] })
  readonly educationLevels: EducationLevelCountDto[];
  @ApiProperty({ minimum: 0 }) readonly smeEmployers: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  readonly smeShare: number | null;
  @ApiProperty({ type: DraftBudgetDto }) readonly budget: DraftBudgetDto;
  @ApiProperty({ type: EsfCallRulesDto }) readonly rules: EsfCallRulesDto;
  @ApiProperty({ type: [CriterionDto] }) readonly criteria: CriterionDto[];
  @ApiProperty() readonly eligible: boolean;
  @ApiProperty({ type: HorizontalCriteriaDto }) readonly horizontalCriteria: HorizontalCriteriaDto;
}

export class ProjectDraftListResponseDto {
  @ApiProperty({ type: [ProjectDraftResponseDto] }) readonly items: ProjectDraftResponseDto[];
  @ApiProperty({ minimum: 0 }) readonly total: number;
}
