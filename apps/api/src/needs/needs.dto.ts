import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
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
  ValidateNested,
} from 'class-validator';
import {
  NEED_AGE_BANDS,
  NEED_DELIVERY_MODES,
  NEED_EDUCATION_LEVELS,
  NEED_LANGUAGES,
  NEED_LIMITS as L,
  NEED_STATUSES,
  NeedAgeBand,
  NeedDeliveryMode,
  NeedEducationLevel,
  NeedStatus,
  NeedTrackingView,
} from '@km/needs';
import { WhyNotYetDto } from './why-not-yet';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EmployerDto {
  @ApiProperty({
    example: '556036-0793',
    description: 'Organisationsnummer, NNNNNN-NNNN or 10 digits',
  })
  @Transform(trimmed)
  @IsString({ message: 'employer.orgNumber must be a string' })
  @Matches(/^\d{6}-?\d{4}$/, {
    message: 'employer.orgNumber must be 10 digits written NNNNNN-NNNN or NNNNNNNNNN',
  })
  readonly orgNumber: string;

  @ApiProperty({ example: 'Exempel AB', maxLength: L.employerNameMax })
  @Transform(trimmed)
  @IsString({ message: 'employer.name must be a string' })
  @MinLength(1, { message: 'employer.name must not be empty' })
  @MaxLength(L.employerNameMax, {
    message: `employer.name must be at most ${L.employerNameMax} characters`,
  })
  readonly name: string;

  @ApiProperty({ example: '1885' })
  @IsString({ message: 'employer.municipalityCode must be a string' })
  @Matches(/^\d{4}$/, {
    message: 'employer.municipalityCode must be a four-digit municipality code',
  })
  readonly municipalityCode: string;

  @ApiProperty({ example: 'C', description: 'SNI 2007 section A–U' })
  @IsString({ message: 'employer.sniSection must be a string' })
  @Matches(/^[A-Z]$/, { message: 'employer.sniSection must be one letter A–U (SNI 2007 section)' })
  readonly sniSection: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: L.employeesMax })
  @IsInt({ message: 'employer.employees must be an integer' })
  @Min(1, { message: 'employer.employees must be at least 1' })
  @Max(L.employeesMax, { message: `employer.employees must be at most ${L.employeesMax}` })
  readonly employees: number;
}

export class ContactDto {
  @ApiProperty({ example: 'Anna Andersson', maxLength: L.contactNameMax })
  @Transform(trimmed)
  @IsString({ message: 'contact.name must be a string' })
  @MinLength(1, { message: 'contact.name must not be empty' })
  @MaxLength(L.contactNameMax, {
    message: `contact.name must be at most ${L.contactNameMax} characters`,
  })
  readonly name: string;

  @ApiProperty({ example: 'anna@example.se', maxLength: L.emailMax })
  @Transform(trimmed)
  @IsString({ message: 'contact.email must be a string' })
  @MaxLength(L.emailMax, { message: `contact.email must be at most ${L.emailMax} characters` })
  @IsEmail({}, { message: 'contact.email must be a valid e-mail address' })
  readonly email: string;

  @ApiPropertyOptional({ example: '070-1234567', maxLength: L.phoneMax })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'contact.phone must be a string' })
  @Matches(/^$|^\+?[0-9 ()-]{5,40}$/, {
    message: 'contact.phone must be a phone number: digits, spaces, +, - and parentheses',
  })
  @MaxLength(L.phoneMax, { message: `contact.phone must be at most ${L.phoneMax} characters` })
  readonly phone?: string;
}

export class ParticipantsDto {
  @ApiProperty({ example: 4, minimum: L.participantsMin, maximum: L.participantsMax })
  @IsInt({ message: 'participants.total must be an integer' })
  @Min(L.participantsMin, { message: `participants.total must be at least ${L.participantsMin}` })
  @Max(L.participantsMax, { message: `participants.total must be at most ${L.participantsMax}` })
  readonly total: number;

  @ApiProperty({ example: 1, minimum: 0 })
  @IsInt({ message: 'participants.women must be an integer' })
  @Min(0, { message: 'participants.women must not be negative' })
  @Max(L.participantsMax, { message: `participants.women must be at most ${L.participantsMax}` })
  readonly women: number;

  @ApiProperty({ example: 3, minimum: 0 })
  @IsInt({ message: 'participants.men must be an integer' })
  @Min(0, { message: 'participants.men must not be negative' })
  @Max(L.participantsMax, { message: `participants.men must be at most ${L.participantsMax}` })
  readonly men: number;
}

/** The body of POST /api/v1/needs (README, Needs intake). Unknown fields are rejected. */
export class SubmitNeedRequestDto {
  @ApiProperty({ type: EmployerDto })
  @IsDefined({ message: 'employer is required' })
  @IsObject({ message: 'employer must be an object' })
  @ValidateNested()
  @Type(() => EmployerDto)
  readonly employer: EmployerDto;

  @ApiProperty({ type: ContactDto })
  @IsDefined({ message: 'contact is required' })
  @IsObject({ message: 'contact must be an object' })
  @ValidateNested()
  @Type(() => ContactDto)
  readonly contact: ContactDto;

  @ApiProperty({
    example: 'Truckkort för lagerpersonal',
    minLength: L.titleMin,
    maxLength: L.titleMax,
  })
  @Transform(trimmed)
  @IsString({ message: 'title must be a string' })
  @MinLength(L.titleMin, { message: `title must be at least ${L.titleMin} characters` })
  @MaxLength(L.titleMax, { message: `title must be at most ${L.titleMax} characters` })
  readonly title: string;

  @ApiPropertyOptional({ maxLength: L.descriptionMax })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'description must be a string' })
  @MaxLength(L.descriptionMax, {
    message: `description must be at most ${L.descriptionMax} characters`,
  })
  readonly description?: string;

  @ApiProperty({
    type: [String],
    example: ['truckkort-a-b'],
    maxItems: L.competencesMax,
    description: 'At least one, unless otherCompetence names the competence',
  })
  @IsArray({ message: 'competenceIds must be a list' })
  @ArrayMaxSize(L.competencesMax, {
    message: `competenceIds must have at most ${L.competencesMax} competences`,
  })
  @ArrayUnique({ message: 'competenceIds must not repeat a competence' })
  @IsString({ each: true, message: 'competenceIds must contain strings' })
  @MaxLength(100, { each: true, message: 'each competence id must be at most 100 characters' })
  readonly competenceIds: string[];

  @ApiPropertyOptional({
    type: String,
    maxLength: L.otherCompetenceMax,
    nullable: true,
    example: 'Kranförare för mobilkran över 40 ton',
    description: '"Annan kompetens": a competence missing from the list, in the employer\'s words',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'otherCompetence must be a string' })
  @MaxLength(L.otherCompetenceMax, {
    message: `otherCompetence must be at most ${L.otherCompetenceMax} characters`,
  })
  readonly otherCompetence?: string | null;

  @ApiProperty({ type: ParticipantsDto })
  @IsDefined({ message: 'participants is required' })
  @IsObject({ message: 'participants must be an object {total, women, men}' })
  @ValidateNested()
  @Type(() => ParticipantsDto)
  readonly participants: ParticipantsDto;

  @ApiProperty({ example: '2027-02-01', format: 'date' })
  @IsString({ message: 'earliestStart must be a date written YYYY-MM-DD' })
  @Matches(ISO_DATE, { message: 'earliestStart must be a date written YYYY-MM-DD' })
  readonly earliestStart: string;

  @ApiProperty({ example: '2027-06-30', format: 'date' })
  @IsString({ message: 'latestEnd must be a date written YYYY-MM-DD' })
  @Matches(ISO_DATE, { message: 'latestEnd must be a date written YYYY-MM-DD' })
  readonly latestEnd: string;

  @ApiProperty({ enum: NEED_DELIVERY_MODES, isArray: true, example: ['onsite', 'remote'] })
  @IsArray({ message: 'deliveryModes must be a list' })
  @ArrayMinSize(1, { message: 'deliveryModes must have at least one delivery mode' })
  @ArrayUnique({ message: 'deliveryModes must not repeat a mode' })
  @IsIn(NEED_DELIVERY_MODES, {
    each: true,
    message: `deliveryModes must contain only ${NEED_DELIVERY_MODES.join(', ')}`,
  })
  readonly deliveryModes: NeedDeliveryMode[];

  @ApiProperty({ example: 40, minimum: 0, maximum: L.maxTravelKm })
  @IsInt({ message: 'maxTravelKm must be a whole number of kilometres' })
  @Min(0, { message: 'maxTravelKm must not be negative' })
  @Max(L.maxTravelKm, { message: `maxTravelKm must be at most ${L.maxTravelKm}` })
  readonly maxTravelKm: number;

  @ApiPropertyOptional({
    type: Number,
    example: 8000,
    minimum: 0,
    nullable: true,
    description: 'SEK, whole kronor',
  })
  @IsOptional()
  @IsInt({ message: 'maxCostPerParticipantSek must be a whole number of kronor' })
  @Min(0, { message: 'maxCostPerParticipantSek must not be negative' })
  @Max(L.maxCostPerParticipantSek, {
    message: `maxCostPerParticipantSek must be at most ${L.maxCostPerParticipantSek}`,
  })
  readonly maxCostPerParticipantSek?: number | null;

  @ApiPropertyOptional({ enum: NEED_LANGUAGES, default: 'sv' })
  @IsOptional()
  @IsIn(NEED_LANGUAGES, { message: `language must be one of ${NEED_LANGUAGES.join(', ')}` })
  readonly language: string = 'sv';

  @ApiPropertyOptional({
    enum: NEED_AGE_BANDS,
    nullable: true,
    description: 'Age band of most participants (ESF+ reporting): under 30, 30–54, 55 or older',
  })
  @IsOptional()
  @IsIn(NEED_AGE_BANDS, { message: `ageBand must be one of ${NEED_AGE_BANDS.join(', ')}` })
  readonly ageBand?: NeedAgeBand | null;

  @ApiPropertyOptional({
    enum: NEED_EDUCATION_LEVELS,
    nullable: true,
    description:
      'Education level of most participants (ESF+ reporting), ISCED 2011 groups 0–2, 3–4, 5–8',
  })
  @IsOptional()
  @IsIn(NEED_EDUCATION_LEVELS, {
    message: `educationLevel must be one of ${NEED_EDUCATION_LEVELS.join(', ')}`,
  })
  readonly educationLevel?: NeedEducationLevel | null;

  @ApiProperty({ example: true, description: 'Consent to store the contact details; must be true' })
  @IsBoolean({ message: 'consent must be true' })
  @Equals(true, { message: 'consent must be true: we need it to store your contact details' })
  readonly consent: boolean;
}

/**
 * The body of PATCH /api/v1/needs/track/{token}: any of the fields the employer may change, with
 * the intake's validation; `null` clears `description` or `maxCostPerParticipantSek`.
 */
export class EditNeedRequestDto extends PartialType(
  PickType(SubmitNeedRequestDto, [
    'description',
    'participants',
    'earliestStart',
    'latestEnd',
    'deliveryModes',
    'maxTravelKm',
    'maxCostPerParticipantSek',
    'contact',
  ] as const),
) {}

export class SubmitNeedResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: 'KB-2026-00123', description: 'Human reference, for phone and e-mail' })
  readonly reference: string;
  @ApiProperty({ enum: ['received'] }) readonly status: NeedStatus;
  @ApiProperty({ description: 'Keep it: the only way to follow or withdraw the need' })
  readonly trackingToken: string;
  @ApiProperty({ example: 'http://localhost:3000/behov/…' }) readonly trackingUrl: string;
}

export class CompetenceRefDto {
  @ApiProperty() readonly id: string;
  @ApiProperty() readonly label: string;
}

export class NeedInitiativeDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: 'Truckkort A+B' }) readonly title: string;
  @ApiProperty({ enum: ['planned', 'running', 'completed', 'cancelled'] }) readonly status: string;
  @ApiProperty({ type: String, nullable: true, example: '2027-03-01' }) readonly startDate:
    string | null;
  @ApiProperty({ example: 'Örebro' }) readonly venueMunicipalityName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Lärcentrum Örebro' })
  readonly learningCentreName: string | null;
  @ApiProperty({ description: 'How many employers share the initiative' })
  readonly employers: number;
  @ApiProperty() readonly participantsTotal: number;
}

export class LearningCentreContactDto {
  @ApiProperty({ type: String, nullable: true, example: 'Kompetensmäklaren på lärcentrum' })
  readonly name: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly email: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly phone: string | null;
  @ApiProperty({ type: String, nullable: true }) readonly url: string | null;
  @ApiProperty({ description: 'The details are made up (demo data)' }) readonly isDemo: boolean;
}

export class ServingLearningCentreDto {
  @ApiProperty({ example: 'lc-orebro' }) readonly id: string;
  @ApiProperty({ example: 'Lärcentrum Örebro' }) readonly name: string;
  @ApiProperty({ type: LearningCentreContactDto }) readonly contact: LearningCentreContactDto;
}

export class NeedTrackingResponseDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: 'KB-2026-00123' }) readonly reference: string;
  @ApiProperty({ enum: NEED_STATUSES }) readonly status: NeedStatus;
  @ApiProperty() readonly title: string;
  @ApiProperty() readonly createdAt: string;
  @ApiProperty({ type: String, nullable: true }) readonly withdrawnAt: string | null;
  @ApiProperty({ type: ParticipantsDto }) readonly participants: ParticipantsDto;
  @ApiProperty({ type: [CompetenceRefDto] }) readonly competences: CompetenceRefDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: '"Annan kompetens" in the employer\'s words',
  })
  readonly otherCompetence: string | null;
  @ApiProperty({ example: '2027-02-01' }) readonly earliestStart: string;
  @ApiProperty({ example: '2027-06-30' }) readonly latestEnd: string;
  @ApiProperty({ enum: NEED_DELIVERY_MODES, isArray: true })
  readonly deliveryModes: NeedDeliveryMode[];
  @ApiProperty() readonly description: string;
  @ApiProperty({ example: 40 }) readonly maxTravelKm: number;
  @ApiProperty({ type: Number, nullable: true, example: 8000 }) readonly maxCostPerParticipantSek:
    number | null;
  @ApiProperty({ enum: NEED_LANGUAGES }) readonly language: string;
  @ApiProperty({
    type: NeedInitiativeDto,
    nullable: true,
    description: 'The initiative the need is committed to; null until a broker approves one',
  })
  readonly initiative: NeedInitiativeDto | null;
  @ApiProperty({ description: 'Whether PATCH …/track/{token} may still change the need' })
  readonly editable: boolean;
  @ApiProperty({
    type: ServingLearningCentreDto,
    nullable: true,
    description: "The learning centre serving the employer's municipality: whom to call",
  })
  readonly learningCentre: ServingLearningCentreDto | null;
  @ApiProperty({
    type: WhyNotYetDto,
    nullable: true,
    description:
      'For a need not matched yet: why, in plain Swedish, and the change that would help',
  })
  readonly whyNotYet: WhyNotYetDto | null;
}

export function mapNeedTracking(
  view: NeedTrackingView,
  whyNotYet: WhyNotYetDto | null = null,
): NeedTrackingResponseDto {
  return {
    id: view.id,
    reference: view.reference,
    status: view.status,
    title: view.title,
    createdAt: view.createdAt.toISOString(),
    withdrawnAt: view.withdrawnAt ? view.withdrawnAt.toISOString() : null,
    participants: { ...view.participants },
    competences: view.competences.map((c) => ({ id: c.id, label: c.label })),
    otherCompetence: view.otherCompetence,
    earliestStart: view.earliestStart,
    latestEnd: view.latestEnd,
    deliveryModes: view.deliveryModes,
    description: view.description,
    maxTravelKm: view.maxTravelKm,
    maxCostPerParticipantSek: view.maxCostPerParticipantSek,
    language: view.language,
    initiative: view.initiative,
    editable: isEditable(view),
    learningCentre: view.learningCentre,
    whyNotYet,
  };
}

/** The employer may change the need until it is committed, withdrawn or expired. */
export function isEditable(view: NeedTrackingView): boolean {
  return !view.initiative && ['received', 'proposed', 'unmet'].includes(view.status);
}

/** Where the employer follows the need in a browser. */
export function trackingUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/behov/${token}`;
}
