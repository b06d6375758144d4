import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessDeniedError, AuthUser } from '@km/auth';
import { FieldProblem, InvalidInputError, NotFoundError, storeOncePerForm } from '@km/common';
import { OutboxService } from '@km/outbox';
import { DomainEventType } from '@km/queue';
import { ReferenceService } from '@km/reference';
import { DeliveryMode } from './offering.entity';
import {
  participantProblems,
  StartWindow,
  startWindowProblems,
  swedishToday,
  withGroups,
} from './offering.rules';
import { canReadOffering, canWriteOffering, offeringReadScopeSql } from './offering.scope';

/** The person to ask about the course; e-mailed when the offering is used. */
export interface OfferingContact {
  name: string;
  email: string;
  phone?: string | null;
}

/** What employers and brokers read about the course; none of it affects matching. */
export interface OfferingDetails {
  description?: string | null;
  prerequisites?: string | null;
  venueAddress?: string | null;
  contact?: OfferingContact | null;
  url?: string | null;
  certificate?: boolean;
}

export interface OfferingFields extends OfferingDetails {
  title: string;
  competenceIds: string[];
  deliveryMode: DeliveryMode;
  venueMunicipalityCode: string;
  minParticipants: number;
  maxParticipants: number;
  costFixedSek: number;
  costPerParticipantSek: number;
  durationDays: number;
  startWindows: StartWindow[];
  language: string;
}

export interface NewOffering extends OfferingFields {
  /** Taken from the token for a provider; required for an admin. */
  learningCentreId?: string;
}

export type OfferingPatch = Partial<OfferingFields>;

/** An offering as read: its fields, competences and start windows, sorted. */
export interface OfferingView extends OfferingFields {
  id: string;
  learningCentreId: string;
  venueCountyCode: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What else must change with an offering, run inside its transaction after the offering row
 * (libs/lifecycle: proposals superseded, initiatives flagged, people told).
 */
export type OfferingChangeHook = (
  tx: EntityManager,
  before: OfferingView,
  after: OfferingFields,
) => Promise<void>;
export type OfferingWithdrawalHook = (tx: EntityManager, offering: OfferingView) => Promise<void>;

export interface OfferingFilter {
  learningCentreId?: string;
  competenceId?: string;
  municipalityCode?: string;
  limit: number;
  offset: number;
}

interface OfferingRow {
  id: string;
  learning_centre_id: string;
  title: string;
  delivery_mode: DeliveryMode;
  venue_municipality_code: string;
  min_participants: number;
  max_participants: number;
  cost_fixed_sek: number;
  cost_per_participant_sek: number;
  duration_days: number;
  language: string;
  description: string | null;
  prerequisites: string | null;
  venue_address: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  url: string | null;
  certificate: boolean;
  created_at: Date;
  updated_at: Date;
  competence_ids: string[] | null;
  start_windows: StartWindow[] | null;
}

const SELECT_VIEW = `
  SELECT o.id, o.learning_centre_id, o.title, o.delivery_mode, o.venue_municipality_code,
         o.min_participants, o.max_participants, o.cost_fixed_sek, o.cost_per_participant_sek,
         o.duration_days, o.language, o.created_at, o.updated_at, o.description, o.prerequisites,
         o.venue_address, o.contact_name, o.contact_email, o.contact_phone, o.url, o.certificate,
         (SELECT array_agg(oc.competence_id ORDER BY oc.competence_id)
            FROM offering_competence oc WHERE oc.offering_id = o.id) AS competence_ids,
         (SELECT json_agg(json_build_object('from', w.from_date::text, 'to', w.to_date::text,
                                            'groups', w.groups)
                          ORDER BY w.from_date, w.to_date)
            FROM offering_start_window w WHERE w.offering_id = o.id) AS start_windows
    FROM offering o`;

const countyOf = (municipalityCode: string) => municipalityCode.slice(0, 2);

/**
 * Learning centres' offerings. Every write goes with its outbox event in one transaction, so the
 * matcher hears of each change exactly when it commits.
 */
@Injectable()
export class OfferingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reference: ReferenceService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Publishes an offering for the caller's learning centre (an admin names the centre).
   * @throws InvalidInputError naming each bad field; AccessDeniedError for another centre.
   */
  create(user: AuthUser, input: NewOffering): Promise<OfferingView> {
    return this.store(user, input, null);
  }

  /**
   * `create` for the provider's form page: the form's token makes a resubmission of the same
   * form (a double click, or back and send again) answer with the first offering's id instead of
   * publishing a second offering.
   */
  createOnce(user: AuthUser, input: NewOffering, formToken: string): Promise<{ id: string }> {
    return storeOncePerForm(
      () => this.createdWithForm(formToken),
      () => this.store(user, input, formToken),
      'UQ_offering_submission_key',
    );
  }

  /** The offering first published with this form token, if any (withdrawn ones too). */
  async createdWithForm(formToken: string): Promise<{ id: string } | undefined> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM offering WHERE submission_key = $1`,
      [formToken],
    );
    return rows[0];
  }

  private async store(
    user: AuthUser,
    input: NewOffering,
    formToken: string | null,
  ): Promise<OfferingView> {
    const learningCentreId = await this.learningCentreFor(user, input.learningCentreId);
    await this.assertValid(input, { checkWindows: true });
    const id = await this.db.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO offering (learning_centre_id, title, delivery_mode, venue_municipality_code,
                               min_participants, max_participants, cost_fixed_sek,
                               cost_per_participant_sek, duration_days, language, created_by,
                               description, prerequisites, venue_address, contact_name,
                               contact_email, contact_phone, url, certificate, submission_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                 $20)
         RETURNING id`,
        [
          learningCentreId,
          input.title,
          input.deliveryMode,
          input.venueMunicipalityCode,
          input.minParticipants,
          input.maxParticipants,
          input.costFixedSek,
          input.costPerParticipantSek,
          input.durationDays,
          input.language,
          user.id,
          ...detailParams(input),
          formToken,
        ],
      );
      const offeringId = rows[0].id;
      await this.replaceCompetences(tx, offeringId, input.competenceIds);
      await this.replaceStartWindows(tx, offeringId, input.startWindows);
      await this.outbox.add(tx, {
        type: DomainEventType.OfferingCreated,
        aggregateType: 'offering',
        aggregateId: offeringId,
        countyCode: countyOf(input.venueMunicipalityCode),
        payload: { learningCentreId, venueMunicipalityCode: input.venueMunicipalityCode },
      });
      return offeringId;
    });
    return this.view(this.db.manager, id) as Promise<OfferingView>;
  }

  /** Offerings the caller may read, newest first, with the total before paging. */
  async list(
    user: AuthUser,
    filter: OfferingFilter,
  ): Promise<{ items: OfferingView[]; total: number }> {
    const params: unknown[] = [];
    const where = ['o.deleted_at IS NULL'];
    const scope = offeringReadScopeSql(user, 1);
    where.push(scope.sql);
    params.push(...scope.params);
    if (filter.learningCentreId) {
      params.push(filter.learningCentreId);
      where.push(`o.learning_centre_id = $${params.length}`);
    }
    if (filter.municipalityCode) {
      params.push(filter.municipalityCode);
      where.push(`o.venue_municipality_code = $${params.length}`);
    }
    if (filter.competenceId) {
      params.push(filter.competenceId);
      where.push(
        `EXISTS (SELECT 1 FROM offering_competence oc WHERE oc.offering_id = o.id AND oc.competence_id = $${params.length})`,
      );
    }
    const condition = where.join(' AND ');
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM offering o WHERE ${condition}`,
      params,
    );
    const rows: OfferingRow[] = await this.db.query(
      `${SELECT_VIEW} WHERE ${condition} ORDER BY o.created_at DESC, o.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows.map(toView), total };
  }

  /** @throws NotFoundError (also for a withdrawn offering); AccessDeniedError outside the scope. */
  async get(user: AuthUser, id: string): Promise<OfferingView> {
    const offering = await this.view(this.db.manager, id);
    if (!offering) throw new NotFoundError('Offering', id);
    if (!canReadOffering(user, offering)) {
      throw new AccessDeniedError('This offering is outside your organisation or region');
    }
    return offering;
  }

  /**
   * Changes some fields; lists given (competences, start windows) replace the stored ones. Start
   * windows are checked against today only when given, so a title fix still works once an old
   * window has passed.
   */
  async update(
    user: AuthUser,
    id: string,
    patch: OfferingPatch,
    within?: OfferingChangeHook,
  ): Promise<OfferingView> {
    const current = await this.writable(user, this.db.manager, id);
    // Nothing to change: no write and no event (the matcher would rematch for nothing).
    if (Object.keys(definedOnly(patch)).length === 0) return current;
    if (patch.startWindows) patch = { ...patch, startWindows: withGroups(patch.startWindows) };
    const merged: OfferingFields = { ...current, ...definedOnly(patch) };
    await this.assertValid(merged, {
      checkWindows: patch.startWindows !== undefined,
      checkCompetences: patch.competenceIds !== undefined,
      checkVenue: patch.venueMunicipalityCode !== undefined,
    });
    await this.db.transaction(async (tx) => {
      // Re-read under a row lock: a concurrent withdraw or move is seen, not overwritten.
      const locked = await this.writable(user, tx, id, true);
      await tx.query(
        `UPDATE offering SET title = $2, delivery_mode = $3, venue_municipality_code = $4,
                min_participants = $5, max_participants = $6, cost_fixed_sek = $7,
                cost_per_participant_sek = $8, duration_days = $9, language = $10,
                description = $11, prerequisites = $12, venue_address = $13, contact_name = $14,
                contact_email = $15, contact_phone = $16, url = $17, certificate = $18,
                updated_at = now()
          WHERE id = $1`,
        [
          id,
          merged.title,
          merged.deliveryMode,
          merged.venueMunicipalityCode,
          merged.minParticipants,
          merged.maxParticipants,
          merged.costFixedSek,
          merged.costPerParticipantSek,
          merged.durationDays,
          merged.language,
          ...detailParams(merged),
        ],
      );
      if (patch.competenceIds) await this.replaceCompetences(tx, id, patch.competenceIds);
      if (patch.startWindows) await this.replaceStartWindows(tx, id, patch.startWindows);
      if (within) await within(tx, locked, merged);
      const counties = new Set([
        countyOf(merged.venueMunicipalityCode),
        countyOf(locked.venueMunicipalityCode),
      ]);
      // A venue moved to another county changes the matching of both.
      for (const countyCode of counties) {
        await this.outbox.add(tx, {
          type: DomainEventType.OfferingChanged,
          aggregateType: 'offering',
          aggregateId: id,
          countyCode,
          payload: {
            learningCentreId: locked.learningCentreId,
            venueMunicipalityCode: merged.venueMunicipalityCode,
            changed: Object.keys(definedOnly(patch)).sort(),
          },
        });
      }
    });
    return this.view(this.db.manager, id) as Promise<OfferingView>;
  }

  /** Withdraws (soft-deletes) an offering; it stays for proposals and statistics that cite it. */
  async withdraw(user: AuthUser, id: string, within?: OfferingWithdrawalHook): Promise<void> {
    await this.writable(user, this.db.manager, id);
    await this.db.transaction(async (tx) => {
      const locked = await this.writable(user, tx, id, true);
      await tx.query(`UPDATE offering SET deleted_at = now(), updated_at = now() WHERE id = $1`, [
        id,
      ]);
      if (within) await within(tx, locked);
      await this.outbox.add(tx, {
        type: DomainEventType.OfferingWithdrawn,
        aggregateType: 'offering',
        aggregateId: id,
        countyCode: countyOf(locked.venueMunicipalityCode),
        payload: {
          learningCentreId: locked.learningCentreId,
          venueMunicipalityCode: locked.venueMunicipalityCode,
        },
      });
    });
  }

  private async learningCentreFor(user: AuthUser, requested?: string): Promise<string> {
    if (user.role === 'provider') {
      if (requested && requested !== user.learningCentreId) {
        throw new AccessDeniedError(
          'A provider publishes offerings only for its own learning centre',
        );
      }
      return user.learningCentreId as string;
    }
    if (user.role !== 'admin')
      throw new AccessDeniedError('Only providers and admins publish offerings');
    if (!requested) {
      throw new InvalidInputError([
        {
          field: 'learningCentreId',
          message: 'learningCentreId is required when an admin publishes',
        },
      ]);
    }
    const found = await this.db.query(`SELECT 1 FROM learning_centre WHERE id = $1`, [requested]);
    if (found.length === 0) {
      throw new InvalidInputError([
        {
          field: 'learningCentreId',
          message: `learningCentreId "${requested}" is not a known learning centre`,
        },
      ]);
    }
    return requested;
  }

  private async assertValid(
    input: OfferingFields,
    checks: { checkWindows: boolean; checkCompetences?: boolean; checkVenue?: boolean },
  ): Promise<void> {
    const problems = await this.problems(input, checks);
    if (problems.length) throw new InvalidInputError(problems);
  }

  /**
   * The rules beyond each field's shape (known municipality and competences, min ≤ max, start
   * windows against today), one problem per field: the pages check a form with them before saving.
   */
  async problems(
    input: OfferingFields,
    checks: { checkWindows: boolean; checkCompetences?: boolean; checkVenue?: boolean } = {
      checkWindows: true,
    },
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (
      checks.checkVenue !== false &&
      !(await this.reference.municipalityExists(input.venueMunicipalityCode))
    ) {
      problems.push({
        field: 'venueMunicipalityCode',
        message: `venueMunicipalityCode "${input.venueMunicipalityCode}" is not a known municipality`,
      });
    }
    if (checks.checkCompetences !== false) {
      const unknown = await this.reference.unknownCompetenceIds(input.competenceIds);
      if (unknown.length) {
        problems.push({
          field: 'competenceIds',
          message: `competenceIds contains unknown competences: ${unknown.slice(0, 5).join(', ')}`,
        });
      }
    }
    problems.push(...participantProblems(input));
    if (checks.checkWindows)
      problems.push(...startWindowProblems(input.startWindows, swedishToday()));
    const fields = new Set<string>();
    return problems.filter((p) => !fields.has(p.field) && fields.add(p.field));
  }

  private async writable(
    user: AuthUser,
    manager: EntityManager,
    id: string,
    lock = false,
  ): Promise<OfferingView> {
    if (lock) {
      await manager.query(
        `SELECT 1 FROM offering WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
        [id],
      );
    }
    const offering = await this.view(manager, id);
    if (!offering) throw new NotFoundError('Offering', id);
    if (!canWriteOffering(user, offering.learningCentreId)) {
      throw new AccessDeniedError("Only the offering's own learning centre may change it");
    }
    return offering;
  }

  private async view(manager: EntityManager, id: string): Promise<OfferingView | undefined> {
    const rows: OfferingRow[] = await manager.query(
      `${SELECT_VIEW} WHERE o.id = $1 AND o.deleted_at IS NULL`,
      [id],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }

  private async replaceCompetences(
    tx: EntityManager,
    id: string,
    competenceIds: string[],
  ): Promise<void> {
    await tx.query(`DELETE FROM offering_competence WHERE offering_id = $1`, [id]);
    await tx.query(
      `INSERT INTO offering_competence (offering_id, competence_id)
       SELECT $1, c FROM unnest($2::text[]) AS c ON CONFLICT DO NOTHING`,
      [id, competenceIds],
    );
  }

  private async replaceStartWindows(
    tx: EntityManager,
    id: string,
    windows: StartWindow[],
  ): Promise<void> {
    // Kept windows keep their row: an approval locks the row of its window (capacity check).
    const given = withGroups(windows);
    const from = given.map((w) => w.from);
    const to = given.map((w) => w.to);
    await tx.query(
      `DELETE FROM offering_start_window
        WHERE offering_id = $1
          AND (from_date, to_date) NOT IN (SELECT f, t FROM unnest($2::date[], $3::date[]) AS w(f, t))`,
      [id, from, to],
    );
    await tx.query(
      `INSERT INTO offering_start_window (offering_id, from_date, to_date, groups)
       SELECT $1, f, t, g FROM unnest($2::date[], $3::date[], $4::int[]) AS w(f, t, g)
       ON CONFLICT ON CONSTRAINT "UQ_offering_start_window" DO UPDATE SET groups = EXCLUDED.groups
       WHERE offering_start_window.groups <> EXCLUDED.groups`,
      [id, from, to, given.map((w) => w.groups)],
    );
  }
}

function toView(row: OfferingRow): OfferingView {
  return {
    id: row.id,
    learningCentreId: row.learning_centre_id,
    title: row.title,
    competenceIds: row.competence_ids ?? [],
    deliveryMode: row.delivery_mode,
    venueMunicipalityCode: row.venue_municipality_code,
    venueCountyCode: countyOf(row.venue_municipality_code),
    minParticipants: row.min_participants,
    maxParticipants: row.max_participants,
    costFixedSek: row.cost_fixed_sek,
    costPerParticipantSek: row.cost_per_participant_sek,
    durationDays: row.duration_days,
    startWindows: row.start_windows ?? [],
    language: row.language,
    description: row.description,
    prerequisites: row.prerequisites,
    venueAddress: row.venue_address,
    contact: row.contact_email
      ? { name: row.contact_name ?? '', email: row.contact_email, phone: row.contact_phone }
      : null,
    url: row.url,
    certificate: row.certificate,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The detail columns' values, in the INSERT/UPDATE order; empty text is stored as null. */
function detailParams(input: OfferingDetails): unknown[] {
  const text = (value: string | null | undefined) => (value ? value : null);
  return [
    text(input.description),
    text(input.prerequisites),
    text(input.venueAddress),
    text(input.contact?.name),
    text(input.contact?.email),
    text(input.contact?.phone),
    text(input.url),
    input.certificate ?? false,
  ];
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
