import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { INITIATIVE_STATUSES, InitiativeStatus } from '@km/initiatives';
import { PageQueryDto } from '../common/pagination.dto';

export class InitiativeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES })
  @IsOptional()
  @IsIn(INITIATIVE_STATUSES, { message: `status must be one of ${INITIATIVE_STATUSES.join(', ')}` })
  readonly status?: string;

  @ApiPropertyOptional({ description: 'County, e.g. 18 (no filter when empty)' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'countyCode must be a two-digit county code' })
  readonly countyCode?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Only initiatives on this offering (a provider: its own centre's offerings, else 403)",
  })
  @IsOptional()
  @IsUUID('4', { message: 'offeringId must be a UUID' })
  readonly offeringId?: string;
}

export class GenderCountDto {
  @ApiProperty({ minimum: 0 })
  @IsInt({ message: 'women must be an integer' })
  @Min(0, { message: 'women must not be negative' })
  @Max(10_000, { message: 'women must be at most 10000' })
  readonly women: number;

  @ApiProperty({ minimum: 0 })
  @IsInt({ message: 'men must be an integer' })
  @Min(0, { message: 'men must not be negative' })
  @Max(10_000, { message: 'men must be at most 10000' })
  readonly men: number;
}

export class InitiativeOutcomeDto {
  @ApiProperty({ type: GenderCountDto, description: 'Participants who completed, by gender' })
  @IsObject({ message: 'outcome.completed must be an object {women, men}' })
  @ValidateNested()
  @Type(() => GenderCountDto)
  readonly completed: GenderCountDto;
}

export class ChangeInitiativeStatusRequestDto {
  @ApiProperty({
    enum: INITIATIVE_STATUSES,
    description: 'planned → running → completed; cancelled from planned or running',
  })
  @IsIn(INITIATIVE_STATUSES, { message: `status must be one of ${INITIATIVE_STATUSES.join(', ')}` })
  readonly status: InitiativeStatus;

  @ApiPropertyOptional({ type: InitiativeOutcomeDto, description: 'Required when completing' })
  @IsOptional()
  @IsObject({ message: 'outcome must be an object {completed: {women, men}}' })
  @ValidateNested()
  @Type(() => InitiativeOutcomeDto)
  readonly outcome?: InitiativeOutcomeDto;

  @ApiPropertyOptional({
    description: 'Why the initiative is cancelled: required when cancelling, shown and audited',
    minLength: 3,
    maxLength: 1000,
  })
  @IsOptional()
  @IsString({ message: 'reason must be a string' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(3, { message: 'reason must be at least 3 characters' })
  @MaxLength(1000, { message: 'reason must be at most 1000 characters' })
  readonly reason?: string;
}

export class InitiativeParticipantsDto {
  @ApiProperty({ minimum: 0 }) readonly total: number;
  @ApiProperty({ minimum: 0 }) readonly women: number;
  @ApiProperty({ minimum: 0 }) readonly men: number;
}

export class InitiativeNeedDto {
  @ApiProperty({ format: 'uuid' }) readonly needId: string;
  @ApiProperty() readonly employerName: string;
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly municipalityCode: string;
  @ApiProperty({ minimum: 0 }) readonly participants: number;
  @ApiProperty() readonly committed: boolean;
  @ApiProperty({ description: 'Its employer withdrew it: no longer counted' })
  readonly withdrawn: boolean;
}

export class AttentionFlagDto {
  @ApiProperty({
    enum: ['offering-withdrawn', 'offering-changed', 'need-withdrawn', 'below-minimum'],
    description: 'What changed under the initiative since approval',
  })
  readonly kind: string;
  @ApiProperty({ description: 'Plain Swedish, with the old and new values' })
  readonly detail: string;
  @ApiProperty({ format: 'date-time' }) readonly at: string;
}

/** `GET /admin/initiatives/{id}` and each item of the list (`InitiativeView` of @km/initiatives). */
export class InitiativeResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ format: 'uuid' }) readonly proposalId: string;
  @ApiProperty({ enum: ['joint_initiative', 'new_initiative'] }) readonly kind: string;
  @ApiProperty({ enum: INITIATIVE_STATUSES }) readonly status: InitiativeStatus;
  @ApiProperty() readonly title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) readonly offeringId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  readonly learningCentreId: string | null;
  @ApiProperty({
    description: 'new_initiative: the learning centre committed to create the course',
  })
  readonly offeringCommitment: boolean;
  @ApiProperty({ pattern: '^\\d{2}$' }) readonly countyCode: string;
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly venueMunicipalityCode: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) readonly startDate: string | null;
  @ApiProperty({ type: InitiativeParticipantsDto })
  readonly participants: InitiativeParticipantsDto;
  @ApiProperty({ minimum: 0 }) readonly employers: number;
  @ApiProperty({ type: Number, nullable: true }) readonly costPerParticipantSek: number | null;
  @ApiProperty({ type: InitiativeOutcomeDto, nullable: true })
  readonly outcome: InitiativeOutcomeDto | null;
  @ApiProperty({ type: [InitiativeNeedDto] }) readonly needs: InitiativeNeedDto[];
  @ApiProperty({ type: String, nullable: true }) readonly note: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Set when cancelled' })
  readonly cancelReason: string | null;
  @ApiProperty({ type: [AttentionFlagDto], description: 'Oldest first' })
  readonly attention: AttentionFlagDto[];
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readonly statusChangedAt: string | null;
}

export class InitiativeListResponseDto {
  @ApiProperty({ type: [InitiativeResponseDto] }) readonly items: InitiativeResponseDto[];
  @ApiProperty({ minimum: 0 }) readonly total: number;
}
