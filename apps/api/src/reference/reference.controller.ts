import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReferenceService } from '@km/reference';
import { API_PREFIX } from '../common/api-prefix';
import {
  CodeLabelDto,
  CompetenceDto,
  CompetenceQueryDto,
  LearningCentreDto,
  MunicipalityDto,
  MunicipalityQueryDto,
} from './reference.dto';

@ApiTags('reference')
@Controller(API_PREFIX)
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('municipalities')
  @ApiOkResponse({ type: [MunicipalityDto] })
  async municipalities(@Query() query: MunicipalityQueryDto): Promise<MunicipalityDto[]> {
    if (query.countyCode && !(await this.reference.countyExists(query.countyCode))) {
      throw new NotFoundException(`County ${query.countyCode} does not exist`);
    }
    return this.reference.municipalities(query.countyCode);
  }

  @Get('counties')
  @ApiOkResponse({ type: [CodeLabelDto] })
  counties(): Promise<CodeLabelDto[]> {
    return this.reference.counties();
  }

  @Get('sni-sections')
  sniSections(): Promise<{ code: string; label: string }[]> {
    return this.reference.sniSections();
  }

  /** Ranked search over labels and synonyms (≤ 20); without q, the first 20 by area. */
  @Get('competences')
  @ApiOkResponse({ type: [CompetenceDto] })
  competences(@Query() query: CompetenceQueryDto): Promise<CompetenceDto[]> {
    return this.reference.searchCompetences(query.q);
  }

  @Get('learning-centres')
  @ApiOkResponse({ type: [LearningCentreDto] })
  learningCentres(): Promise<LearningCentreDto[]> {
    return this.reference.learningCentres();
  }
}
