import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export const PROPOSAL_STATUSES = ['open', 'approved', 'rejected', 'superseded'] as const;
/** `fill_initiative`: needs proposed into the free seats of a planned initiative. */
export const PROPOSAL_KINDS = ['joint_initiative', 'new_initiative', 'fill_initiative'] as const;

export class ProposalQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES, { message: `status must be one of ${PROPOSAL_STATUSES.join(', ')}` })
  readonly status?: string;

  @ApiPropertyOptional({ enum: PROPOSAL_KINDS })
  @IsOptional()
  @IsIn(PROPOSAL_KINDS, { message: `kind must be one of ${PROPOSAL_KINDS.join(', ')}` })
  readonly kind?: string;

  @ApiPropertyOptional({ description: 'County, e.g. 18 (no filter when empty)' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'countyCode must be a two-digit county code' })
  readonly countyCode?: string;

  @ApiPropertyOptional({ description: 'Competence id, e.g. truckkort-a-b (no filter when empty)' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'competenceId must be at most 100 characters' })
  readonly competenceId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Only proposals on this offering (a provider: its own centre's offerings, else 403)",
  })
  @IsOptional()
  @IsUUID('4', { message: 'offeringId must be a UUID' })
  readonly offeringId?: string;
}

export class ApproveProposalRequestDto {
  @ApiPropertyOptional({ example: 'Godkänd efter samtal med arbetsgivarna', maxLength: 2000 })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  readonly note?: string;
}

export class RejectProposalRequestDto {
  @ApiProperty({
    example: 'Kursen passar inte arbetsgivarnas skiftschema',
    minLength: 3,
    maxLength: 1000,
  })
  @Transform(trimmed)
  @IsString({ message: 'reason must be a string' })
  @MinLength(3, { message: 'reason must be at least 3 characters' })
  @MaxLength(1000, { message: 'reason must be at most 1000 characters' })
  readonly reason: string;
}

export class ApproveProposalResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly initiativeId: string;
}

export class RejectProposalResponseDto {
  @ApiProperty() readonly id: string;
  @ApiProperty({ enum: ['rejected'] }) readonly status: 'rejected';
  @ApiProperty({ description: 'need + offering pairs remembered' }) readonly rejectedPairs: number;
}

export class ProposalOfferingDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly title: string;
  @ApiProperty({ format: 'uuid' }) readonly learningCentreId: string;
}

export class DateWindowDto {
  @ApiProperty({ format: 'date' }) readonly from: string;
  @ApiProperty({ format: 'date' }) readonly to: string;
}

export class ParticipantsDto {
  @ApiProperty({ minimum: 0 }) readonly total: number;
  @ApiProperty({ minimum: 0 }) readonly women: number;
  @ApiProperty({ minimum: 0 }) readonly men: number;
}

export class ProposalNeedDto {
  @ApiProperty({ format: 'uuid' }) readonly needId: string;
  @ApiProperty({ description: 'The need’s reference, e.g. KB-2026-00123' })
  readonly reference: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '"Annan kompetens" in the employer’s words',
  })
  readonly otherCompetence: string | null;
  @ApiProperty() readonly employerName: string;
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly municipalityCode: string;
  @ApiProperty({ minimum: 0 }) readonly participants: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when given remotely' })
  readonly distanceKm: number | null;
}

export class ExplanationFactorDto {
  @ApiProperty() readonly name: string;
  @ApiProperty() readonly value: number;
  @ApiProperty() readonly weight: number;
  @ApiProperty() readonly detail: string;
}

export class LeftOutNeedDto {
  @ApiProperty({ format: 'uuid' }) readonly needId: string;
  @ApiProperty({ description: 'The constraint or rule that left it out' }) readonly cause: string;
  @ApiProperty({ description: 'Plain Swedish, e.g. "avstånd 90 km > max 40 km"' })
  readonly reason: string;
}

export class WhatIfHintDto {
  @ApiProperty({ enum: ['more_participants', 'relax_constraint'] }) readonly kind: string;
  @ApiProperty({ description: 'Plain Swedish: what would make it work' }) readonly text: string;
  @ApiPropertyOptional({ format: 'uuid' }) readonly needId?: string;
  @ApiPropertyOptional() readonly constraint?: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }] })
  readonly requiredValue?: number | string;
  @ApiPropertyOptional() readonly missingParticipants?: number;
  @ApiPropertyOptional({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        municipalityCode: { type: 'string' },
        participants: { type: 'number' },
        needIds: { type: 'array', items: { type: 'string' } },
      },
    },
  })
  readonly nearbyDemand?: unknown[];
}

export class ExplanationDto {
  @ApiProperty() readonly summary: string;
  @ApiProperty({ type: [ExplanationFactorDto] }) readonly factors: ExplanationFactorDto[];
  @ApiProperty({
    type: [LeftOutNeedDto],
    description: 'Near-miss needs within the caller’s municipalities',
  })
  readonly leftOut: LeftOutNeedDto[];
  @ApiProperty({ type: [WhatIfHintDto] }) readonly whatIf: WhatIfHintDto[];
}

/** `GET /admin/proposals/{id}` and each item of the list (`ProposalView` of @km/proposals). */
export class ProposalResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ enum: PROPOSAL_KINDS }) readonly kind: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) readonly status: string;
  @ApiProperty({ description: 'The engine’s value of the cohort (higher first)' })
  readonly score: number;
  @ApiProperty({ pattern: '^\\d{2}$' }) readonly countyCode: string;
  @ApiProperty({
    type: ProposalOfferingDto,
    nullable: true,
    description: 'null for new_initiative',
  })
  readonly offering: ProposalOfferingDto | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'fill_initiative: the planned initiative whose free seats the needs would take',
  })
  readonly initiativeId: string | null;
  @ApiProperty({ type: DateWindowDto, nullable: true }) readonly startWindow: DateWindowDto | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) readonly startDate: string | null;
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly venueMunicipalityCode: string;
  @ApiProperty({ type: [ProposalNeedDto] }) readonly needs: ProposalNeedDto[];
  @ApiProperty({ type: ParticipantsDto }) readonly participants: ParticipantsDto;
  @ApiProperty({ minimum: 0 }) readonly employers: number;
  @ApiProperty({ type: Number, nullable: true }) readonly costPerParticipantSek: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  readonly suggestedLearningCentreId: string | null;
  @ApiProperty({ type: [String] }) readonly competenceIds: string[];
  @ApiProperty({ description: 'Competence area: the theme of ESF drafts' }) readonly theme: string;
  @ApiProperty({ type: ExplanationDto }) readonly explanation: ExplanationDto;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt: string;
}

export class ProposalListResponseDto {
  @ApiProperty({ type: [ProposalResponseDto] }) readonly items: ProposalResponseDto[];
  @ApiProperty({ minimum: 0 }) readonly total: number;
}
