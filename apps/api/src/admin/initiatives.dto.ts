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
