import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@km/audit';
import { DomainError, InvalidInputError, NotFoundError } from '@km/common';
import { OutboxService } from '@km/outbox';
import { DomainEventType } from '@km/queue';
import { ReferenceService, ServingLearningCentre } from '@km/reference';
import { NeedDeliveryMode, NeedStatus } from './need.constants';
import { NeedFieldProblem, needRuleProblems, swedishToday } from './need.rules';
import { NeedsService, NeedTrackingView } from './needs.service';
import { hashTrackingToken, isWellFormedTrackingToken } from './tracking-token';

/** What the employer may change through the tracking link (already shape-checked). */
export interface NeedChanges {
  description?: string | null;
  participants?: { total: number; women: number; men: number } | null;
  earliestStart?: string | null;
  latestEnd?: string | null;
  deliveryModes?: NeedDeliveryMode[] | null;
  maxTravelKm?: number | null;
  maxCostPerParticipantSek?: number | null;
  contact?: { name: string; email: string; phone?: string | null } | null;
}

/** Fields that may be cleared with null; the others must keep a value. */
const CLEARABLE = new Set<keyof NeedChanges>(['description', 'maxCostPerParticipantSek']);

/** Statuses in which the employer may still change the need: the matcher may still place it. */
const EDITABLE: NeedStatus[] = ['received', 'proposed', 'unmet'];

/** The need is part of an approved initiative: changes go through the learning centre. */
export class NeedLockedError extends DomainError {
  constructor(readonly learningCentre: ServingLearningCentre | null) {
    const lc = learningCentre;
    const whom = lc
      ? `contact ${lc.name}${lc.contact.phone ? `, phone ${lc.contact.phone}` : ''}` +
        `${lc.contact.email ? `, e-mail ${lc.contact.email}` : ''}`
      : 'contact the learning centre that runs the initiative';
    super(
      'conflict',
      'need-locked',
      `The need is part of an approved initiative and can no longer be changed here; ${whom}`,
    );
  }
}

export class NeedNotEditableError extends DomainError {
  constructor(readonly status: NeedStatus) {
    super('conflict', 'need-not-editable', `A need that is ${status} can no longer be changed`);
  }
}

interface LockedNeed {
  id: string;
  status: NeedStatus;
  county_code: string;
  municipality_code: string;
  committed: boolean;
  description: string;
  participants_total: number;
  participants_women: number;
  participants_men: number;
  earliest_start: string;
  latest_end: string;
  delivery_modes: NeedDeliveryMode[];
  max_travel_km: number;
  max_cost_per_participant_sek: number | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
}

type Values = Required<{ [K in keyof NeedChanges]: NonNullable<NeedChanges[K]> | null }>;

/**
 * The employer's own changes to a need through its tracking link. The same rules as the intake
 * apply to the need as it will be; the change is audited (contact details only as "changed", so
 * the audit log keeps no personal data) and announced with a `NeedChanged` event, which rematches
 * the county. Once the need is committed to an initiative it is locked.
 */
@Injectable()
export class NeedEditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly needs: NeedsService,
    private readonly reference: ReferenceService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * @throws NotFoundError for an unknown token; InvalidInputError naming each bad field (nothing
   * changes then); NeedLockedError once committed; NeedNotEditableError when withdrawn/expired.
   */
  async edit(
    token: string,
    changes: NeedChanges,
    today = swedishToday(),
  ): Promise<NeedTrackingView> {
    if (!isWellFormedTrackingToken(token))
      throw new NotFoundError('Need', 'for this tracking token');
    const given = (Object.keys(changes) as (keyof NeedChanges)[]).filter(
      (k) => changes[k] !== undefined,
    );
    if (given.length === 0) {
      throw new InvalidInputError(
        [{ field: 'body', message: 'Give at least one field to change' }],
        'Nothing to change',
      );
    }
    const nulls = given.filter((k) => changes[k] === null && !CLEARABLE.has(k));
    if (nulls.length) {
      throw new InvalidInputError(
        nulls.map((field) => ({ field, message: `${field} must not be null` })),
      );
    }

    await this.db.transaction(async (tx) => {
      const need = await this.lock(tx, hashTrackingToken(token));
      if (!need) throw new NotFoundError('Need', 'for this tracking token');
      if (need.committed || need.status === 'matched') {
        throw new NeedLockedError(
          await this.reference.learningCentreServing(need.municipality_code),
        );
      }
      if (!EDITABLE.includes(need.status)) throw new NeedNotEditableError(need.status);

      const before = currentValues(need);
      const after: Values = { ...before };
      for (const key of given) (after as Record<string, unknown>)[key] = changes[key] ?? null;
      if (after.contact && !after.contact.phone) after.contact = { ...after.contact, phone: null };

      const problems = editProblems(before, after, today);
      if (problems.length) throw new InvalidInputError(problems);

      const changed = (Object.keys(after) as (keyof Values)[]).filter(
        (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
      );
      if (changed.length === 0) return;
      await this.write(tx, need, after);
      await this.outbox.add(tx, {
        type: DomainEventType.NeedChanged,
        aggregateType: 'need',
        aggregateId: need.id,
        countyCode: need.county_code,
        payload: { municipalityCode: need.municipality_code, changed },
      });
      await this.audit.record(tx, {
        actor: null,
        action: 'need.edit-by-employer',
        entityType: 'need',
        entityId: need.id,
        before: auditable(before, changed),
        after: auditable(after, changed),
      });
    });
    return this.needs.track(token);
  }

  private async lock(tx: EntityManager, hash: string): Promise<LockedNeed | undefined> {
    const rows: LockedNeed[] = await tx.query(
      `SELECT n.id, n.status, n.county_code, n.municipality_code, n.description,
              n.participants_total, n.participants_women, n.participants_men,
              n.earliest_start::text AS earliest_start, n.latest_end::text AS latest_end,
              n.delivery_modes, n.max_travel_km, n.max_cost_per_participant_sek,
              c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone,
              EXISTS (SELECT 1 FROM initiative_need i WHERE i.need_id = n.id AND i.committed) AS committed
         FROM need n LEFT JOIN contact c ON c.need_id = n.id
        WHERE n.tracking_token_hash = $1
          FOR UPDATE OF n`,
      [hash],
    );
    return rows[0];
  }

  private async write(tx: EntityManager, need: LockedNeed, v: Values): Promise<void> {
    // Back to `received`: the rematch the event triggers decides again (proposed or unmet).
    await tx.query(
      `UPDATE need SET description = $2, participants_total = $3, participants_women = $4,
              participants_men = $5, earliest_start = $6, latest_end = $7, delivery_modes = $8,
              max_travel_km = $9, max_cost_per_participant_sek = $10, status = 'received',
              updated_at = now()
        WHERE id = $1`,
      [
        need.id,
        v.description ?? '',
        v.participants!.total,
        v.participants!.women,
        v.participants!.men,
        v.earliestStart,
        v.latestEnd,
        [...new Set(v.deliveryModes)],
        v.maxTravelKm,
        v.maxCostPerParticipantSek,
      ],
    );
    if (v.contact) {
      await tx.query(
        `INSERT INTO contact (need_id, name, email, phone) VALUES ($1, $2, $3, $4)
         ON CONFLICT (need_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
                                            phone = EXCLUDED.phone`,
        [need.id, v.contact.name, v.contact.email, v.contact.phone || null],
      );
    }
  }
}

function currentValues(need: LockedNeed): Values {
  return {
    description: need.description,
    participants: {
      total: need.participants_total,
      women: need.participants_women,
      men: need.participants_men,
    },
    earliestStart: need.earliest_start,
    latestEnd: need.latest_end,
    deliveryModes: need.delivery_modes,
    maxTravelKm: need.max_travel_km,
    maxCostPerParticipantSek: need.max_cost_per_participant_sek,
    contact:
      need.contact_name && need.contact_email
        ? { name: need.contact_name, email: need.contact_email, phone: need.contact_phone }
        : null,
  };
}

/**
 * The intake's cross-field rules on the need as it will be. A start date that is unchanged may
 * have passed since the need was sent: that is not the employer's error now.
 */
function editProblems(before: Values, after: Values, today: string): NeedFieldProblem[] {
  return needRuleProblems(
    {
      participants: after.participants ?? undefined,
      earliestStart: after.earliestStart,
      latestEnd: after.latestEnd,
    },
    today,
  ).filter((p) => !(p.code === 'date.past' && after.earliestStart === before.earliestStart));
}

/** The changed fields for the audit log; contact details only as a mark, never their values. */
function auditable(values: Values, changed: (keyof Values)[]): Record<string, unknown> {
  return Object.fromEntries(
    changed.map((k) => [k, k === 'contact' ? (values.contact ? 'ändrad' : null) : values[k]]),
  );
}
