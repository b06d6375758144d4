import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class MunicipalityQueryDto {
  @ApiPropertyOptional({ description: 'Two-digit county code, e.g. 18 (all counties when empty)' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'countyCode must be two digits, e.g. "18"' })
  readonly countyCode?: string;
}

export class CompetenceQueryDto {
  @ApiPropertyOptional({
    description: 'Search text, e.g. truck; matches labels and synonyms (all when empty)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  readonly q?: string;
}

export class MunicipalityDto {
  @ApiProperty({ example: '1880' }) readonly code: string;
  @ApiProperty({ example: 'Örebro' }) readonly name: string;
  @ApiProperty({ example: '18' }) readonly countyCode: string;
  @ApiProperty({ example: 'Örebro län' }) readonly countyName: string;
  @ApiProperty({ example: 59.27 }) readonly lat: number;
  @ApiProperty({ example: 15.21 }) readonly lon: number;
}

export class CompetenceDto {
  @ApiProperty({ example: 'truckkort-a-b' }) readonly id: string;
  @ApiProperty({ example: 'Truckkort A+B' }) readonly label: string;
  @ApiProperty({ type: [String] }) readonly synonyms: string[];
  @ApiProperty({ example: 'logistik' }) readonly area: string;
  @ApiProperty({ example: 'Lager och logistik' }) readonly areaLabel: string;
  @ApiProperty({ nullable: true, type: String }) readonly broaderId: string | null;
}

export class LearningCentreDto {
  @ApiProperty({ example: 'lc-lindesberg' }) readonly id: string;
  @ApiProperty({ example: 'Lärcentrum Lindesberg' }) readonly name: string;
  @ApiProperty({ example: 'municipal' }) readonly kind: string;
  @ApiProperty({ example: '1885' }) readonly seatMunicipalityCode: string;
  @ApiProperty({ type: [String] }) readonly municipalityCodes: string[];
}

export class CodeLabelDto {
  @ApiProperty() readonly code: string;
  @ApiProperty() readonly name: string;
}
