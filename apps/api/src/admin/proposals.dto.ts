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
