import { ApiPropertyOptional } from '@nestjs/swagger';
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
