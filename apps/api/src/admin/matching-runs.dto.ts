import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class StartMatchingRunRequestDto {
  @ApiPropertyOptional({
    example: '18',
    description:
      'The county to rematch. Brokers default to the county of their learning centre; ' +
      'an admin without a county rematches every county with open needs.',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'countyCode must be a two-digit county code' })
  readonly countyCode?: string;
}

export class StartMatchingRunResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly runId: string;
}

class MatchingRunCountsDto {
  @ApiProperty() readonly needs: number;
  @ApiProperty() readonly offerings: number;
  @ApiProperty() readonly proposals: number;
  @ApiProperty() readonly unmetClusters: number;
}

export class MatchingRunDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ nullable: true, example: '18', description: 'null: every county' })
  readonly countyCode: string | null;
  @ApiProperty({ enum: ['manual', 'event', 'nightly'] }) readonly trigger: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) readonly status: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) readonly progress: number;
  @ApiProperty() readonly createdAt: string;
  @ApiProperty({ nullable: true }) readonly startedAt: string | null;
  @ApiProperty({ nullable: true }) readonly finishedAt: string | null;
  @ApiProperty({ type: MatchingRunCountsDto }) readonly counts: MatchingRunCountsDto;
  @ApiProperty({ nullable: true, description: 'Why the run failed (after its last retry)' })
  readonly error: string | null;
}
