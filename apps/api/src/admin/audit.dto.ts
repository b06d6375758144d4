import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'proposal, initiative, project_draft, need, … (all when empty)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'entityType must be at most 50 characters' })
  readonly entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'entityId must be at most 200 characters' })
  readonly entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'actorId must be a UUID' })
  readonly actorId?: string;
}
