import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DELIVERY_MODES,
  DeliveryMode,
  MAX_GROUPS_PER_WINDOW,
  MAX_START_WINDOWS,
  OfferingView,
} from '@km/offerings';
import { PageQueryDto } from '../common/pagination.dto';
import { ContactDto } from '../needs/needs.dto';

/** Limits of the offering's descriptive fields (the migration's CHECKs say the same). */
export const OFFERING_TEXT_MAX = {
  description: 4000,
  prerequisites: 2000,
  venueAddress: 300,
  url: 500,
} as const;

/** An http(s) address of at most 500 characters, without spaces. */
const WEB_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StartWindowDto {
  @ApiProperty({ example: '2027-02-01', format: 'date' })
  @Matches(ISO_DATE, { message: 'from must be a date written YYYY-MM-DD' })
  readonly from: string;

  @ApiProperty({ example: '2027-03-15', format: 'date' })
  @Matches(ISO_DATE, { message: 'to must be a date written YYYY-MM-DD' })
  readonly to: string;

  @ApiPropertyOptional({
    example: 1,
    default: 1,
    minimum: 1,
    maximum: MAX_GROUPS_PER_WINDOW,
    description:
      'Groups that can start in this window, each of at most maxParticipants. Approved initiatives ' +
      'hold one group each; the matcher proposes new cohorts only into free groups.',
  })
  @IsOptional()
  @IsInt({ message: 'groups must be a whole number' })
  @Min(1, { message: 'groups must be at least 1' })
  @Max(MAX_GROUPS_PER_WINDOW, { message: `groups must be at most ${MAX_GROUPS_PER_WINDOW}` })
  readonly groups?: number;
}

export class StartWindowResponseDto {
  @ApiProperty({ example: '2027-02-01', format: 'date' }) readonly from: string;
  @ApiProperty({ example: '2027-03-15', format: 'date' }) readonly to: string;
  @ApiProperty({ example: 1, minimum: 1 }) readonly groups: number;
}

export class CreateOfferingRequestDto {
  @ApiPropertyOptional({
    example: 'lc-lindesberg',
    description: "A provider's own centre is taken from its token; an admin must name one",
  })
  @IsOptional()
  @IsString({ message: 'learningCentreId must be a string' })
  @MaxLength(100, { message: 'learningCentreId must be at most 100 characters' })
  readonly learningCentreId?: string;

  @ApiProperty({ example: 'Truckkort A+B, kvällskurs', minLength: 3, maxLength: 200 })
  @Transform(trimmed)
  @IsString({ message: 'title must be a string' })
  @MinLength(3, { message: 'title must be at least 3 characters' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  readonly title: string;

  @ApiProperty({ type: [String], example: ['truckkort-a-b'], minItems: 1, maxItems: 20 })
  @IsArray({ message: 'competenceIds must be a list' })
  @ArrayMinSize(1, { message: 'competenceIds must have at least one competence' })
  @ArrayMaxSize(20, { message: 'competenceIds must have at most 20 competences' })
  @ArrayUnique({ message: 'competenceIds must not repeat a competence' })
  @IsString({ each: true, message: 'competenceIds must contain strings' })
  @MaxLength(100, { each: true, message: 'each competence id must be at most 100 characters' })
  readonly competenceIds: string[];

  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES, { message: `deliveryMode must be one of ${DELIVERY_MODES.join(', ')}` })
  readonly deliveryMode: DeliveryMode;

  @ApiProperty({ example: '1885' })
  @Matches(/^\d{4}$/, { message: 'venueMunicipalityCode must be a four-digit municipality code' })
  readonly venueMunicipalityCode: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 500 })
  @IsInt({ message: 'minParticipants must be an integer' })
  @Min(1, { message: 'minParticipants must be at least 1' })
  @Max(500, { message: 'minParticipants must be at most 500' })
  readonly minParticipants: number;

  @ApiProperty({ example: 12, minimum: 1, maximum: 500 })
  @IsInt({ message: 'maxParticipants must be an integer' })
  @Min(1, { message: 'maxParticipants must be at least 1' })
  @Max(500, { message: 'maxParticipants must be at most 500' })
  readonly maxParticipants: number;

  @ApiProperty({
    example: 20000,
    minimum: 0,
    maximum: 10_000_000,
    description: 'SEK, whole kronor',
  })
  @IsInt({ message: 'costFixedSek must be a whole number of kronor' })
  @Min(0, { message: 'costFixedSek must not be negative' })
  @Max(10_000_000, { message: 'costFixedSek must be at most 10000000' })
  readonly costFixedSek: number;

  @ApiProperty({ example: 3500, minimum: 0, maximum: 1_000_000, description: 'SEK, whole kronor' })
  @IsInt({ message: 'costPerParticipantSek must be a whole number of kronor' })
  @Min(0, { message: 'costPerParticipantSek must not be negative' })
  @Max(1_000_000, { message: 'costPerParticipantSek must be at most 1000000' })
  readonly costPerParticipantSek: number;

  @ApiProperty({ example: 3, minimum: 1, maximum: 365 })
  @IsInt({ message: 'durationDays must be an integer' })
  @Min(1, { message: 'durationDays must be at least 1' })
  @Max(365, { message: 'durationDays must be at most 365' })
  readonly durationDays: number;

  @ApiProperty({ type: [StartWindowDto], minItems: 1, maxItems: MAX_START_WINDOWS })
  @IsArray({ message: 'startWindows must be a list' })
  @ArrayMinSize(1, { message: 'startWindows must have at least one window' })
  @ArrayMaxSize(MAX_START_WINDOWS, {
    message: `startWindows must have at most ${MAX_START_WINDOWS} windows`,
  })
  @IsObject({ each: true, message: 'each start window must be an object {from, to}' })
  @ValidateNested({ each: true })
  @Type(() => StartWindowDto)
  readonly startWindows: StartWindowDto[];

  @ApiPropertyOptional({ example: 'sv', default: 'sv', description: 'ISO 639-1 code' })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code, e.g. "sv"' })
  readonly language: string = 'sv';

  @ApiPropertyOptional({
    example: 'Teori och praktik för motviktstruck A och B. Avslutas med teoriprov och uppkörning.',
    maxLength: OFFERING_TEXT_MAX.description,
    nullable: true,
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'description must be a string' })
  @MaxLength(OFFERING_TEXT_MAX.description, {
    message: `description must be at most ${OFFERING_TEXT_MAX.description} characters`,
  })
  readonly description?: string | null;

  @ApiPropertyOptional({
    example: 'Grundläggande svenska. Skyddsskor tas med.',
    maxLength: OFFERING_TEXT_MAX.prerequisites,
    nullable: true,
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'prerequisites must be a string' })
  @MaxLength(OFFERING_TEXT_MAX.prerequisites, {
    message: `prerequisites must be at most ${OFFERING_TEXT_MAX.prerequisites} characters`,
  })
  readonly prerequisites?: string | null;

  @ApiPropertyOptional({
    example: 'Kristinavägen 4, 711 31 Lindesberg',
    maxLength: OFFERING_TEXT_MAX.venueAddress,
    nullable: true,
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'venueAddress must be a string' })
  @MaxLength(OFFERING_TEXT_MAX.venueAddress, {
    message: `venueAddress must be at most ${OFFERING_TEXT_MAX.venueAddress} characters`,
  })
  readonly venueAddress?: string | null;

  @ApiPropertyOptional({
    type: ContactDto,
    nullable: true,
    description: 'Who answers questions about the course; e-mailed when the offering is used',
  })
  @IsOptional()
  @IsObject({ message: 'contact must be an object {name, email, phone?}' })
  @ValidateNested()
  @Type(() => ContactDto)
  readonly contact?: ContactDto | null;

  @ApiPropertyOptional({
    example: 'https://www.lindesberg.se/larcentrum/truck',
    maxLength: OFFERING_TEXT_MAX.url,
    nullable: true,
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'url must be a string' })
  @MaxLength(OFFERING_TEXT_MAX.url, {
    message: `url must be at most ${OFFERING_TEXT_MAX.url} characters`,
  })
  @ValidateIf((_, value) => value !== '')
  @Matches(WEB_URL, { message: 'url must be a web address starting with https:// or http://' })
  readonly url?: string | null;

  @ApiPropertyOptional({ default: false, description: 'The course leads to a certificate' })
  @IsOptional()
  @IsBoolean({ message: 'certificate must be true or false' })
  readonly certificate?: boolean;
}

/** Any subset of the fields; lists replace the stored ones. The learning centre cannot change. */
export class UpdateOfferingRequestDto extends PartialType(
  OmitType(CreateOfferingRequestDto, ['learningCentreId', 'language'] as const),
) {
  @ApiPropertyOptional({ example: 'sv' })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code, e.g. "sv"' })
  readonly language?: string;
}

export class OfferingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Learning centre id, e.g. lc-lindesberg (no filter when empty)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'learningCentreId must be at most 100 characters' })
  readonly learningCentreId?: string;

  @ApiPropertyOptional({ description: 'Competence id, e.g. truckkort-a-b (no filter when empty)' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'competenceId must be at most 100 characters' })
  readonly competenceId?: string;

  @ApiPropertyOptional({ description: 'Venue municipality, e.g. 1885 (no filter when empty)' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipalityCode must be a four-digit municipality code' })
  readonly municipalityCode?: string;
}

export class OfferingResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: 'lc-lindesberg' }) readonly learningCentreId: string;
  @ApiProperty() readonly title: string;
  @ApiProperty({ type: [String] }) readonly competenceIds: string[];
  @ApiProperty({ enum: DELIVERY_MODES }) readonly deliveryMode: DeliveryMode;
  @ApiProperty({ example: '1885' }) readonly venueMunicipalityCode: string;
  @ApiProperty({ example: '18' }) readonly venueCountyCode: string;
  @ApiProperty() readonly minParticipants: number;
  @ApiProperty() readonly maxParticipants: number;
  @ApiProperty() readonly costFixedSek: number;
  @ApiProperty() readonly costPerParticipantSek: number;
  @ApiProperty() readonly durationDays: number;
  @ApiProperty({ type: [StartWindowResponseDto] })
  readonly startWindows: StartWindowResponseDto[];
  @ApiProperty({ example: 'sv' }) readonly language: string;
  @ApiProperty({ nullable: true, type: String }) readonly description: string | null;
  @ApiProperty({ nullable: true, type: String }) readonly prerequisites: string | null;
  @ApiProperty({ nullable: true, type: String }) readonly venueAddress: string | null;
  @ApiProperty({ nullable: true, type: ContactDto }) readonly contact: ContactDto | null;
  @ApiProperty({ nullable: true, type: String }) readonly url: string | null;
  @ApiProperty() readonly certificate: boolean;
  @ApiProperty() readonly createdAt: string;
  @ApiProperty() readonly updatedAt: string;
}

export class OfferingPageDto {
  @ApiProperty({ type: [OfferingResponseDto] }) readonly items: OfferingResponseDto[];
  @ApiProperty() readonly total: number;
}

export function mapOffering(offering: OfferingView): OfferingResponseDto {
  return {
    id: offering.id,
    learningCentreId: offering.learningCentreId,
    title: offering.title,
    competenceIds: offering.competenceIds,
    deliveryMode: offering.deliveryMode,
    venueMunicipalityCode: offering.venueMunicipalityCode,
    venueCountyCode: offering.venueCountyCode,
    minParticipants: offering.minParticipants,
    maxParticipants: offering.maxParticipants,
    costFixedSek: offering.costFixedSek,
    costPerParticipantSek: offering.costPerParticipantSek,
    durationDays: offering.durationDays,
    startWindows: offering.startWindows.map((w) => ({ from: w.from, to: w.to, groups: w.groups ?? 1 })),
    language: offering.language,
    description: offering.description ?? null,
    prerequisites: offering.prerequisites ?? null,
    venueAddress: offering.venueAddress ?? null,
    contact: offering.contact
      ? {
          name: offering.contact.name,
          email: offering.contact.email,
          ...(offering.contact.phone ? { phone: offering.contact.phone } : {}),
        }
      : null,
    url: offering.url ?? null,
    certificate: offering.certificate ?? false,
    createdAt: offering.createdAt.toISOString(),
    updatedAt: offering.updatedAt.toISOString(),
  };
}
