import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

class AuditActorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) readonly id: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly email: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly role: string | null;
}

/** One entry of the audit log (`AuditView` of @km/audit). */
export class AuditEntryResponseDto {
  @ApiProperty() readonly id: string;
  @ApiProperty({ type: AuditActorDto }) readonly actor: AuditActorDto;
  @ApiProperty({ description: 'e.g. proposal.approve, need.contact.view' }) readonly action: string;
  @ApiProperty() readonly entityType: string;
  @ApiProperty() readonly entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  readonly before: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  readonly after: unknown;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
}

export class AuditListResponseDto {
  @ApiProperty({ type: [AuditEntryResponseDto] }) readonly items: AuditEntryResponseDto[];
  @ApiProperty({ minimum: 0 }) readonly total: number;
}
