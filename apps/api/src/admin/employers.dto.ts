import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { EmployerFacts } from '@km/needs';

export class ConfirmEmployerRequestDto {
  @ApiProperty({ description: "The need whose submitter's employer details are adopted" })
  @IsUUID('all', { message: 'needId must be the id of one of this employer’s needs' })
  readonly needId: string;
}

export class EmployerFactsDto implements EmployerFacts {
  @ApiProperty({ example: '5560360793' }) readonly orgNumber: string;
  @ApiProperty() readonly name: string;
  @ApiProperty({ example: '1880' }) readonly municipalityCode: string;
  @ApiProperty({ example: 'C' }) readonly sniSection: string;
  @ApiProperty() readonly employees: number;
  @ApiProperty({ example: '10-49' }) readonly sizeBand: string;
  @ApiProperty({ nullable: true, type: String }) readonly confirmedAt: string | null;
}
