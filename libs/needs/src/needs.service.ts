import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, InvalidInputError, NotFoundError, storeOncePerForm } from '@km/common';
import { OUTBOX_INSERT, OutboxService } from '@km/outbox';
import { NotificationService, TrackingLinkVault } from '@km/notifications';
import { DomainEventType } from '@km/queue';
import { ReferenceService, ServingLearningCentre } from '@km/reference';
import {
  NeedAgeBand,
  NeedDeliveryMode,
  NeedEducationLevel,
  NeedStatus,
  sizeBandOf,
} from './need.constants';
import { NeedFieldProblem, needRuleProblems, swedishToday } from './need.rules';
import { OrganisationNumber } from './organisation-number.value-object';
import { canNeedTransition, transitionNeeds } from './need-status.machine';
import { erasePersonalData } from './personal-data';
import { hashTrackingToken, isWellFormedTrackingToken, newTrackingToken } from './tracking-token';

/** A need as submitted (already shape-checked by the HTTP layer; strings trimmed). */
export interface NeedSubmission {
  employer: {
    orgNumber: string;
    name: string;
    municipalityCode: string;
    sniSection: string;
    employees: number;
  };
  contact: { name: string; email: string; phone?: string | null };
  title: string;
  description?: string | null;
  competenceIds: string[];
  /** "Annan kompetens": the employer's own words for a competence the taxonomy lacks. */
  otherCompetence?: string | null;
  participants: { total: number; women: number; men: number };
  earliestStart: string;
  latestEnd: string;
  deliveryModes: NeedDeliveryMode[];
  maxTravelKm: number;
  maxCostPerParticipantSek?: number | null;
  language: string;
  /** Age band of most participants, for ESF+ reporting; optional. */
  ageBand?: NeedAgeBand | null;
  /** Education level (ISCED group) of most participants, for ESF+ reporting; optional. */
  educationLevel?: NeedEducationLevel | null;
  consent: boolean;
}

export interface SubmittedNeed {
  id: string;
  status: NeedStatus;
  /** Human reference, e.g. KB-2026-00123. */
  reference: string;
  /** Shown once; only its hash is stored. */
  trackingToken: string;
}

/** A need already sent with the same form token: the first one, which a resubmission returns. */
export interface EarlierSubmission {
  id: string;
  status: NeedStatus;
  reference: string;
  /** Null once the tracking link is erased (withdrawn, retention) or unreadable (key rotated). */
  trackingToken: string | null;
}

/** What the holder of a tracking token sees: no personal data. */
export interface NeedTrackingView {
  id: string;
  reference: string;
  status: NeedStatus;
  title: string;
  description: string;
  employerName: string;
  municipalityCode: string;
  municipalityName: string;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt: Date | null;
  participants: { total: number; women: number; men: number };
  competences: { id: string; label: string }[];
  otherCompetence: string | null;
  earliestStart: string;
  latestEnd: string;
  deliveryModes: NeedDeliveryMode[];
  maxTravelKm: number;
  maxCostPerParticipantSek: number | null;
  language: string;
  countyCode: string;
  /** The initiative the need is committed to, once a broker approved a proposal; else null. */
  initiative: NeedInitiativeView | null;
  /** Whether an open proposal (awaiting a broker's decision) holds the need. */
  inOpenProposal: boolean;
  /** The learning centre serving the employer's municipality: whom to call. */
  learningCentre: ServingLearningCentre | null;
}

/** What an employer sees of its initiative: no other employer's name or numbers. */
export interface NeedInitiativeView {
  id: string;
  title: string;
  status: 'planned' | 'running' | 'completed' | 'cancelled';
  startDate: string | null;
  venueMunicipalityName: string;
  learningCentreName: string | null;
  employers: number;
  participantsTotal: number;
}

export class NeedNotWithdrawableError extends DomainError {
  constructor(status: NeedStatus) {
    super(
      'conflict',
      'need-not-withdrawable',
      `A need that is ${status} can no longer be withdrawn`,
    );
  }
}

interface TrackingRow {
  id: string;
  reference: string;
  status: NeedStatus;
  title: string;
  description: string;
  employer_name: string;
  municipality_code: string;
  municipality_name: string;
  created_at: Date;
  updated_at: Date;
  withdrawn_at: Date | null;
  participants_total: number;
  participants_women: number;
  participants_men: number;
  earliest_start: string;
  latest_end: string;
  delivery_modes: NeedDeliveryMode[];
  max_travel_km: number;
  max_cost_per_participant_sek: number | null;
  language: string;
  competences: { id: string; label: string }[] | null;
  other_competence: string | null;
  county_code: string;
  initiative: NeedInitiativeView | null;
  in_open_proposal: boolean;
}

const SELECT_TRACKING = `
  SELECT n.id, n.reference, n.status, n.title, n.description,
         coalesce(n.submitted_employer->>'name', e.name) AS employer_name,
         n.municipality_code, n.county_code, n.other_competence,
         m.name AS municipality_name, n.created_at, n.updated_at, n.withdrawn_at,
         n.participants_total, n.participants_women, n.participants_men,
         n.earliest_start::text AS earliest_start, n.latest_end::text AS latest_end,
         n.delivery_modes, n.max_travel_km, n.max_cost_per_participant_sek, n.language,
         (SELECT json_agg(json_build_object('id', c.id, 'label', c.label) ORDER BY c.label)
            FROM need_competence nc JOIN competence c ON c.id = nc.competence_id
           WHERE nc.need_id = n.id) AS competences,
         (SELECT json_build_object('id', i.id, 'title', i.title, 'status', i.status,
                   'startDate', i.start_date, 'venueMunicipalityName', vm.name,
                   'learningCentreName', lc.name, 'employers', i.employers,
                   'participantsTotal', i.participants_total)
            FROM initiative_need inn
            JOIN initiative i ON i.id = inn.initiative_id
            JOIN municipality vm ON vm.code = i.venue_municipality_code
            LEFT JOIN learning_centre lc ON lc.id = i.learning_centre_id
           WHERE inn.need_id = n.id AND inn.committed) AS initiative,
         EXISTS (SELECT 1 FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
                  WHERE pn.need_id = n.id AND p.status = 'open') AS in_open_proposal
    FROM need n
    JOIN employer e ON e.id = n.employer_id
    JOIN municipality m ON m.code = n.municipality_code`;

/**
 * What else must change when a need is withdrawn, run in its transaction before the contact is
 * erased (so the people told can still be found): libs/lifecycle releases it from its initiative.
 */
export type NeedWithdrawalHook = (
  tx: EntityManager,
  need: { id: string; previousStatus: NeedStatus; employerName: string },
) => Promise<void>;

/**
 * Public intake of competence needs. A submission writes the employer (created by
 * organisationsnummer when new, never changed: the need keeps what its submitter said), the need,
 * its competences, the contact and a `NeedSubmitted` outbox event in one transaction; it is
 * tracked and withdrawn with an unguessable token.
 */
@Injectable()
export class NeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reference: ReferenceService,
    private readonly outbox: OutboxService,
    private readonly trackingLinks: TrackingLinkVault,
    private readonly notifications: NotificationService,
  ) {}

  /**
   * Every problem the request shape cannot catch: organisationsnummer check digit, unknown
   * municipality / SNI section / competences, gender split and dates. Tolerant of ill-typed input.
   */
  async problems(
    input: Partial<NeedSubmission>,
    today = swedishToday(),
  ): Promise<NeedFieldProblem[]> {
    const problems = needRuleProblems(input, today);
    const municipalityCode = input.employer?.municipalityCode;
    if (typeof municipalityCode === 'string' && /^\d{4}$/.test(municipalityCode)) {
      if (!(await this.reference.municipalityExists(municipalityCode))) {
        problems.push({
          field: 'employer.municipalityCode',
          code: 'unknown',
          message: `employer.municipalityCode "${municipalityCode}" is not a known municipality`,
        });
      }
    }
    const sniSection = input.employer?.sniSection;
    if (typeof sniSection === 'string' && /^[A-Z]$/.test(sniSection)) {
      if (!(await this.reference.sniSectionExists(sniSection))) {
        problems.push({
          field: 'employer.sniSection',
          code: 'unknown',
          message: `employer.sniSection "${sniSection}" is not an SNI 2007 section (A–U)`,
        });
      }
    }
    const ids = input.competenceIds;
    if (Array.isArray(ids) && ids.length && ids.every((id) => typeof id === 'string')) {
      const unknown = await this.reference.unknownCompetenceIds(ids);
      if (unknown.length) {
        problems.push({
          field: 'competenceIds',
          code: 'unknown',
          message: `competenceIds contains unknown competences: ${unknown.slice(0, 5).join(', ')}`,
        });
      }
    }
    return problems;
  }

  /**
   * Stores the need and queues the confirmation e-mail to its contact, in one transaction.
   * @throws InvalidInputError naming each bad field; nothing is stored then.
   */
  submit(input: NeedSubmission): Promise<SubmittedNeed> {
    return this.store(input, null);
  }

  /**
   * `submit` for the form page: the form's token makes a resubmission of the same form — a
   * double click, or back and send again — return the first need instead of storing a second.
   */
  submitOnce(input: NeedSubmission, formToken: string): Promise<SubmittedNeed | EarlierSubmission> {
    return storeOncePerForm(
      () => this.submittedWithForm(formToken),
      () => this.store(input, formToken),
      'UQ_need_submission_key',
    );
  }

  /** The need first sent with this form token, if any. */
  async submittedWithForm(formToken: string): Promise<EarlierSubmission | undefined> {
    const rows: { id: string; status: NeedStatus; reference: string }[] = await this.db.query(
      `SELECT id, status, reference FROM need WHERE submission_key = $1`,
      [formToken],
    );
    if (!rows[0]) return undefined;
    const trackingToken = await this.trackingLinks.token(this.db.manager, rows[0].id);
    return { ...rows[0], trackingToken };
  }

  private async store(input: NeedSubmission, formToken: string | null): Promise<SubmittedNeed> {
    const problems = await this.problems(input);
    if (!input.consent) {
      problems.push({ field: 'consent', code: 'consent', message: 'consent must be true' });
    }
    if (problems.length) throw new InvalidInputError(problems);
    const orgNumber = OrganisationNumber.parse(input.employer.orgNumber);
    if (!orgNumber.ok) throw new Error('unreachable: checked above');

    const trackingToken = newTrackingToken();
    const municipalityCode = input.employer.municipalityCode;
    const countyCode = municipalityCode.slice(0, 2);
    const learningCentre = await this.reference.learningCentreServing(municipalityCode);
    // One statement for the need and all it owns (each data-modifying CTE runs exactly once;
    // foreign keys are checked at the end of the statement, when the need exists), then the
    // confirmation e-mail in the same transaction: a need is never stored without it.
    return this.db.transaction(async (tx) => {
      const [{ id, reference }]: { id: string; reference: string }[] = await tx.query(
        `WITH employer_row AS (
         INSERT INTO employer (org_number, name, municipality_code, sni_section, employees, size_band)
         VALUES ($1, $2, $3, $4, $5, $6)
         -- Organisation numbers are public: an anonymous submission must never change what is
         -- stored about a known employer (a broker confirms that). The no-op update only makes
         -- RETURNING give the existing row's id.
         ON CONFLICT (org_number) DO UPDATE SET org_number = employer.org_number
         RETURNING id
       ), need_row AS (
         INSERT INTO need (employer_id, title, description, participants_total, participants_women,
                           participants_men, earliest_start, latest_end, delivery_modes,
                           max_travel_km, max_cost_per_participant_sek, language,
                           tracking_token_hash, municipality_code, county_code, other_competence,
                           submission_key, age_band, education_level, submitted_employer)
         VALUES ((SELECT id FROM employer_row), $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18, $3, $19, $26, $27, $28, $29,
                 jsonb_build_object('name', $2::text, 'municipalityCode', $3::text,
                                    'sniSection', $4::text, 'employees', $5::int, 'sizeBand', $6::text))
         RETURNING id, employer_id, reference
       ), competence_rows AS (
         INSERT INTO need_competence (need_id, competence_id)
         SELECT need_row.id, c FROM need_row, unnest($20::text[]) AS c ON CONFLICT DO NOTHING
       ), contact_row AS (
         INSERT INTO contact (need_id, name, email, phone)
         VALUES ((SELECT id FROM need_row), $21, $22, $23)
       ), tracking_link_row AS (
         -- Sealed, so later e-mails can carry the employer's link; the need keeps only its hash.
         INSERT INTO need_tracking_link (need_id, sealed_token) VALUES ((SELECT id FROM need_row), $24)
       ), event_row AS (
         -- The NeedSubmitted event, in the same statement as the need.
         ${OUTBOX_INSERT}
         SELECT $25, 'need', id::text, $19,
                jsonb_build_object('employerId', employer_id, 'municipalityCode', $3::text)
           FROM need_row
       )
       SELECT id, reference FROM need_row`,
        [
          orgNumber.value.digits,
          input.employer.name,
          municipalityCode,
          input.employer.sniSection,
          input.employer.employees,
          sizeBandOf(input.employer.employees),
          input.title,
          input.description ?? '',
          input.participants.total,
          input.participants.women,
          input.participants.men,
          input.earliestStart,
          input.latestEnd,
          [...new Set(input.deliveryModes)],
          input.maxTravelKm,
          input.maxCostPerParticipantSek ?? null,
          input.language,
          hashTrackingToken(trackingToken),
          countyCode,
          input.competenceIds,
          input.contact.name,
          input.contact.email,
          input.contact.phone || null,
          this.trackingLinks.seal(trackingToken),
          DomainEventType.NeedSubmitted,
          input.otherCompetence || null,
          formToken,
          input.ageBand ?? null,
          input.educationLevel ?? null,
        ],
      );
      await this.notifications.needReceived(tx, {
        needId: id,
        recipient: input.contact.email,
        contactName: input.contact.name,
        needTitle: input.title,
        reference,
        learningCentre: learningCentre && {
          name: learningCentre.name,
          contactName: learningCentre.contact.name,
          email: learningCentre.contact.email,
          phone: learningCentre.contact.phone,
          url: learningCentre.contact.url,
          isDemo: learningCentre.contact.isDemo,
        },
      });
      return { id, status: 'received' as const, reference, trackingToken };
    });
  }

  /** @throws NotFoundError for an unknown (or malformed) token. */
  async track(token: string): Promise<NeedTrackingView> {
    const view = await this.findByToken(this.db.manager, token);
    if (!view) throw new NotFoundError('Need', 'for this tracking token');
    return view;
  }

  /**
   * Withdraws the need: status `withdrawn`, its personal data erased (contact, e-mails to it),
   * a `NeedWithdrawn` event. The anonymous need stays for statistics. Withdrawing a withdrawn need
   * again changes nothing and answers the same (idempotent).
   * @throws NotFoundError for an unknown token; NeedNotWithdrawableError for an expired need.
   */
  async withdraw(token: string, within?: NeedWithdrawalHook): Promise<NeedTrackingView> {
    const hash = isWellFormedTrackingToken(token) ? hashTrackingToken(token) : null;
    if (!hash) throw new NotFoundError('Need', 'for this tracking token');
    await this.db.transaction(async (tx) => {
      const rows: {
        id: string;
        status: NeedStatus;
        county_code: string;
        municipality_code: string;
        employer_name: string;
        window_over: boolean;
      }[] = await tx.query(
        `SELECT n.id, n.status, n.county_code, n.municipality_code, e.name AS employer_name,
                n.latest_end <= $2::date AS window_over
           FROM need n JOIN employer e ON e.id = n.employer_id
          WHERE n.tracking_token_hash = $1 FOR UPDATE OF n`,
        [hash, swedishToday()],
      );
      const need = rows[0];
      if (!need) throw new NotFoundError('Need', 'for this tracking token');
      if (need.status === 'withdrawn') {
        await erasePersonalData(tx, [need.id]);
        return;
      }
      // A need whose window has ended is expired (the scheduled job marks it so), committed or not.
      if (
        !canNeedTransition(need.status, 'withdrawn') ||
        (need.window_over && need.status !== 'matched')
      ) {
        throw new NeedNotWithdrawableError(need.window_over ? 'expired' : need.status);
      }
      await transitionNeeds(tx, [need.id], 'withdrawn');
      if (within) {
        await within(tx, {
          id: need.id,
          previousStatus: need.status,
          employerName: need.employer_name,
        });
      }
      await erasePersonalData(tx, [need.id]);
      await this.outbox.add(tx, {
        type: DomainEventType.NeedWithdrawn,
        aggregateType: 'need',
        aggregateId: need.id,
        countyCode: need.county_code,
        payload: { municipalityCode: need.municipality_code, previousStatus: need.status },
      });
    });
    return this.track(token);
  }

  private async findByToken(
    manager: EntityManager,
    token: string,
  ): Promise<NeedTrackingView | undefined> {
    if (!isWellFormedTrackingToken(token)) return undefined;
    const rows: TrackingRow[] = await manager.query(
      `${SELECT_TRACKING} WHERE n.tracking_token_hash = $1`,
      [hashTrackingToken(token)],
    );
    if (!rows[0]) return undefined;
    const learningCentre = await this.reference.learningCentreServing(rows[0].municipality_code);
    return toTrackingView(rows[0], learningCentre);
  }
}

function toTrackingView(
  row: TrackingRow,
  learningCentre: ServingLearningCentre | null,
): NeedTrackingView {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    title: row.title,
    description: row.description,
    employerName: row.employer_name,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at) : null,
    participants: {
      total: row.participants_total,
      women: row.participants_women,
      men: row.participants_men,
    },
    competences: row.competences ?? [],
    otherCompetence: row.other_competence,
    earliestStart: row.earliest_start,
    latestEnd: row.latest_end,
    deliveryModes: row.delivery_modes,
    maxTravelKm: row.max_travel_km,
    maxCostPerParticipantSek: row.max_cost_per_participant_sek,
    language: row.language,
    countyCode: row.county_code,
    initiative: row.initiative,
    inOpenProposal: row.in_open_proposal,
    learningCentre,
  };
}
