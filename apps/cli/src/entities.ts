import {
  Competence,
  CompetenceArea,
  County,
  LearningCentre,
  LearningCentreMunicipality,
  Municipality,
  SniSection,
} from '@km/reference';
import { OutboxEvent } from '@km/outbox';
import { User } from '@km/auth';
import { Offering, OfferingCompetence, OfferingStartWindow } from '@km/offerings';
import { Contact, Employer, Need, NeedCompetence } from '@km/needs';
import { IdempotencyKey } from '@km/idempotency';

/**
 * Every TypeORM entity of every bounded context, for the DataSources of the command-line tools
 * (seed, `migration:generate`). The Nest apps load the entities their modules register
 * (TypeOrmModule.forFeature + autoLoadEntities); libs/database itself knows no context.
 */
export const ENTITIES = [
  County,
  Municipality,
  LearningCentre,
  LearningCentreMunicipality,
  CompetenceArea,
  Competence,
  SniSection,
  OutboxEvent,
  User,
  Offering,
  OfferingCompetence,
  OfferingStartWindow,
  Employer,
  Need,
  NeedCompetence,
  Contact,
  IdempotencyKey,
];
