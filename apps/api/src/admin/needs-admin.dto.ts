import { ApiProperty } from '@nestjs/swagger';

class PlaceDto {
  @ApiProperty({ pattern: '^\\d{4}$' }) readonly code: string;
  @ApiProperty() readonly name: string;
  @ApiProperty() readonly lat: number;
  @ApiProperty() readonly lon: number;
}

class NeedEmployerDto {
  @ApiProperty() readonly name: string;
  @ApiProperty({ pattern: '^\\d{10}$' }) readonly orgNumber: string;
  @ApiProperty({ enum: ['1-9', '10-49', '50-249', '250+'] }) readonly sizeBand: string;
}

class NeedContactDto {
  @ApiProperty() readonly name: string;
  @ApiProperty() readonly email: string;
  @ApiProperty({ type: String, nullable: true }) readonly phone: string | null;
}

class NeedParticipantsDto {
  @ApiProperty({ minimum: 0 }) readonly total: number;
  @ApiProperty({ minimum: 0 }) readonly women: number;
  @ApiProperty({ minimum: 0 }) readonly men: number;
}

class NeedLinkDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty() readonly title: string;
  @ApiProperty() readonly status: string;
}

/** `GET /admin/needs/{id}` (`NeedDetail` of @km/initiatives). */
export class NeedDetailResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly needId: string;
  @ApiProperty({ enum: ['received', 'proposed', 'matched', 'unmet', 'withdrawn', 'expired'] })
  readonly status: string;
  @ApiProperty({ type: NeedEmployerDto }) readonly employer: NeedEmployerDto;
  @ApiProperty({ type: PlaceDto }) readonly municipality: PlaceDto;
  @ApiProperty() readonly title: string;
  @ApiProperty() readonly description: string;
  @ApiProperty({ type: NeedParticipantsDto }) readonly participants: NeedParticipantsDto;
  @ApiProperty({ format: 'date' }) readonly earliestStart: string;
  @ApiProperty({ format: 'date' }) readonly latestEnd: string;
  @ApiProperty({ type: [String], enum: ['onsite', 'remote', 'hybrid'] })
  readonly deliveryModes: string[];
  @ApiProperty() readonly maxTravelKm: number;
  @ApiProperty({ type: Number, nullable: true }) readonly maxCostPerParticipantSek: number | null;
  @ApiProperty() readonly language: string;
  @ApiProperty({
    type: NeedContactDto,
    nullable: true,
    description: 'null for regional staff, or once erased; reading it is audited',
  })
  readonly contact: NeedContactDto | null;
  @ApiProperty({ type: [String], description: 'Competence labels' }) readonly competences: string[];
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ type: [NeedLinkDto] }) readonly proposals: NeedLinkDto[];
  @ApiProperty({ type: [NeedLinkDto] }) readonly initiatives: NeedLinkDto[];
}
