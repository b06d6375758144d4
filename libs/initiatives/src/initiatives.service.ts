import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@km/audit';
import { AuthUser } from '@km/auth';
import { InvalidInputError, NotFoundError } from '@km/common';
import { NotificationService } from '@km/notifications';
import { OutboxService } from '@km/outbox';
import { LivingDraftWriter } from '@km/project-drafts';
import { transitionNeeds } from '@km/needs';
import { setCohortBlocked } from '@km/proposals';
import { DomainEventType } from '@km/queue';
import { assertTouches, scopeMunicipalities } from './broker-scope';
import {
  InitiativeNotCancelledError,
  InvalidStatusTransitionError,
  OutOfScopeError,
} from './broker.errors';
import { AttentionFlag } from './initiative-attention';
import { returnedRows } from './sql-rows';
import { withTransactionRetry } from './transaction-retry';

export const INITIATIVE_STATUSES = ['planned', 'running', 'completed', 'cancelled'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** planned → running → completed, and cancelled from planned or running; nothing else. */
export const INITIATIVE_TRANSITIONS: Record<InitiativeStatus, InitiativeStatus[]> = {
  planned: ['running', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canTransition(from: InitiativeStatus, to: InitiativeStatus): boolean {
  return INITIATIVE_TRANSITIONS[from]?.includes(to) ?? false;
}

export interface InitiativeFilter {
  status?: string;
  countyCode?: string;
  /** Only initiatives on this offering. */
  offeringId?: string;
  limit: number;
  offset: number;
}

export interface InitiativeOutcome {
  completed: { women: number; men: number };
}

export interface InitiativeView {
  id: string;
  proposalId: string;
  kind: string;
  status: InitiativeStatus;
  title: string;
  offeringId: string | null;
  learningCentreId: string | null;
  /** True for a new_initiative: the learning centre committed to create the offering. */
  offeringCommitment: boolean;
  countyCode: string;
  venueMunicipalityCode: string;
  startDate: string | null;
  participants: { total: number; women: number; men: number };
  employers: number;
  costPerParticipantSek: number | null;
  outcome: InitiativeOutcome | null;
  needs: {
    needId: string;
    employerName: string;
    municipalityCode: string;
    participants: number;
    committed: boolean;
    /** True when its employer withdrew it: no longer counted in the initiative. */
    withdrawn: boolean;
  }[];
  note: string | null;
  /** Why a broker cancelled it; null unless cancelled. */
  cancelReason: string | null;
  /** What changed under it since approval, for its broker (oldest first). */
  attention: AttentionFlag[];
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string | null;
}

const SELECT = `
  SELECT i.*, i.start_date::text AS start_date_text,
         (SELECT json_agg(json_build_object('needId', n.id, 'employerName', e.name,
                 'municipalityCode', n.municipality_code, 'participants', n.participants_total,
                 'committed', ino.committed, 'withdrawn', n.status = 'withdrawn')
                 ORDER BY e.name, n.id)
            FROM initiative_need ino JOIN need n ON n.id = ino.need_id JOIN employer e ON e.id = n.employer_id
           WHERE ino.initiative_id = i.id) AS needs
    FROM initiative i`;

const TOUCHES = (param: string) =>
  `(i.venue_municipality_code = ANY (${param}::bpchar[]) OR EXISTS (
      SELECT 1 FROM initiative_need x JOIN need xn ON xn.id = x.need_id
       WHERE x.initiative_id = i.id AND xn.municipality_code = ANY (${param}::bpchar[])))`;

/** A provider's initiatives: its centre's (on its offerings, or new courses it committed to). */
const PROVIDER_OWNS = (param: string) =>
  `(i.learning_centre_id = ${param} OR EXISTS (
      SELECT 1 FROM offering po WHERE po.id = i.offering_id AND po.learning_centre_id = ${param}))`;

const actorOf = (user: AuthUser) => ({ id: user.id, email: user.email, role: user.role });

/** Approved cohorts and their lifecycle. */
@Injectable()
export class InitiativesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly drafts: LivingDraftWriter,
  ) {}

  async list(
    user: AuthUser,
    filter: InitiativeFilter,
  ): Promise<{ items: InitiativeView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`i.status = $${params.length}`);
    }
    if (filter.countyCode) {
      params.push(filter.countyCode);
      where.push(`i.county_code = $${params.length}`);
    }
    if (filter.offeringId) {
      params.push(filter.offeringId);
      where.push(`i.offering_id = $${params.length}`);
    }
    const scope = scopeMunicipalities(user);
    if (user.role === 'provider') {
      params.push(user.learningCentreId ?? null);
      where.push(PROVIDER_OWNS(`$${params.length}`));
    } else if (scope) {
      params.push(scope);
      where.push(TOUCHES(`$${params.length}`));
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM initiative i ${clause}`,
      params,
    );
    const rows = await this.db.query(
      `${SELECT} ${clause} ORDER BY i.created_at DESC, i.id
        LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
      params,
    );
    return { items: rows.map(mapInitiative), total };
  }

  async get(
    user: AuthUser,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<InitiativeView> {
    const rows = await manager.query(`${SELECT} WHERE i.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError('Initiative', id);
    const view = mapInitiative(rows[0]);
    if (user.role === 'provider') {
      const own = await manager.query(
        `SELECT 1 FROM initiative i WHERE i.id = $1 AND ${PROVIDER_OWNS('$2')}`,
        [id, user.learningCentreId ?? null],
      );
      if (own.length === 0) throw new OutOfScopeError('initiative');
      return view;
    }
    assertTouches(
      user,
      [view.venueMunicipalityCode, ...view.needs.map((n) => n.municipalityCode)],
      'initiative',
    );
    return view;
  }

  /**
   * Moves an initiative along its lifecycle. Completing needs the outcome counts; cancelling frees
   * its needs (no longer committed, back to `received`) and the matcher rematches them.
   */
  async changeStatus(
    user: AuthUser,
    id: string,
    status: InitiativeStatus,
    outcome?: InitiativeOutcome | null,
    reason?: string | null,
  ): Promise<InitiativeView> {
    const before = await this.get(user, id);
    if (status === 'cancelled' && !reason) {
      throw new InvalidInputError([
        {
          field: 'reason',
          message: 'reason is required when cancelling: say why (3–1000 characters)',
        },
      ]);
    }
    if (status !== 'cancelled' && reason) {
      throw new InvalidInputError([
        { field: 'reason', message: 'reason is only given when the status becomes cancelled' },
      ]);
    }
    if (status !== 'completed' && outcome) {
      throw new InvalidInputError([
        { field: 'outcome', message: 'outcome is only given when the status becomes completed' },
      ]);
    }
    return withTransactionRetry(() =>
      this.db.transaction(async (tx) => {
        const [row]: {
          status: InitiativeStatus;
          participants_total: number;
          county_code: string;
          proposal_id: string;
        }[] = await tx.query(
          `SELECT status, participants_total, county_code, proposal_id FROM initiative WHERE id = $1 FOR UPDATE`,
          [id],
        );
        if (!row) throw new NotFoundError('Initiative', id);
        if (!canTransition(row.status, status)) {
          throw new InvalidStatusTransitionError('Initiative', row.status, status);
        }
        if (status === 'completed') {
          if (!outcome?.completed) {
            throw new InvalidInputError([
              {
                field: 'outcome.completed',
                message: 'completing an initiative needs outcome.completed {women, men}',
              },
            ]);
          }
          const { women, men } = outcome.completed;
          if (women + men > row.participants_total) {
            throw new InvalidInputError([
              {
                field: 'outcome.completed',
                message: `women + men (${women + men}) exceed the ${row.participants_total} participants`,
              },
            ]);
          }
        }
        await tx.query(
          `UPDATE initiative SET status = $2, completed_women = $3, completed_men = $4,
                  cancel_reason = $5, status_changed_at = now(), updated_at = now() WHERE id = $1`,
          [
            id,
            status,
            outcome?.completed.women ?? null,
            outcome?.completed.men ?? null,
            status === 'cancelled' ? reason : null,
          ],
        );
        let freedNeedIds: string[] = [];
        if (status === 'cancelled') {
          const freed = returnedRows<{ need_id: string }>(
            await tx.query(
              `UPDATE initiative_need SET committed = false WHERE initiative_id = $1 AND committed RETURNING need_id`,
              [id],
            ),
          );
          freedNeedIds = freed.map((f) => f.need_id).sort();
          await transitionNeeds(tx, freedNeedIds, 'received');
          // The same cohort is not proposed again unchanged until a broker reopens it.
          await setCohortBlocked(tx, row.proposal_id, true);
        }
        await this.audit.record(tx, {
          actor: actorOf(user),
          action: 'initiative.status',
          entityType: 'initiative',
          entityId: id,
          before: { status: row.status },
          after: {
            status,
            outcome: outcome ?? null,
            freedNeedIds,
            ...(status === 'cancelled' ? { reason } : {}),
          },
        });
        await this.outbox.add(tx, {
          type: DomainEventType.InitiativeStatusChanged,
          aggregateType: 'initiative',
          aggregateId: id,
          countyCode: row.county_code.trim(),
          payload: { status, previousStatus: row.status, freedNeedIds },
        });
        await this.notifications.initiativeStatusChanged(tx, id);
        if (status === 'cancelled') {
          // A cancelled initiative leaves its ESF draft now, not only at the next run.
          await this.drafts.recomputeCounty(tx, row.county_code.trim(), null);
        }
        return this.get(user, id, tx).catch(() => ({ ...before, status }));
      }),
    );
  }

  /**
   * Lets the matcher propose a cancelled initiative's cohort again (its needs were freed when
   * it was cancelled); the county rematches at once.
   */
  async reopenCohort(user: AuthUser, id: string): Promise<InitiativeView> {
    await this.get(user, id);
    return withTransactionRetry(() =>
      this.db.transaction(async (tx) => {
        const [row]: { status: InitiativeStatus; county_code: string; proposal_id: string }[] =
          await tx.query(
            `SELECT status, county_code, proposal_id FROM initiative WHERE id = $1 FOR UPDATE`,
            [id],
          );
        if (!row) throw new NotFoundError('Initiative', id);
        if (row.status !== 'cancelled') throw new InitiativeNotCancelledError(row.status);
        await setCohortBlocked(tx, row.proposal_id, false);
        await this.audit.record(tx, {
          actor: actorOf(user),
          action: 'initiative.reopen-cohort',
          entityType: 'initiative',
          entityId: id,
          before: { cohortBlocked: true },
          after: { cohortBlocked: false, proposalId: row.proposal_id },
        });
        await this.outbox.add(tx, {
          type: DomainEventType.InitiativeStatusChanged,
          aggregateType: 'initiative',
          aggregateId: id,
          countyCode: row.county_code.trim(),
          payload: { status: row.status, cohortReopened: true },
        });
        return this.get(user, id, tx);
      }),
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function mapInitiative(row: any): InitiativeView {
  const completed =
    row.completed_women !== null && row.completed_men !== null
      ? { completed: { women: row.completed_women, men: row.completed_men } }
      : null;
  return {
    id: row.id,
    proposalId: row.proposal_id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    offeringId: row.offering_id,
    learningCentreId: row.learning_centre_id,
    offeringCommitment: row.offering_commitment,
    countyCode: row.county_code.trim(),
    venueMunicipalityCode: row.venue_municipality_code.trim(),
    startDate: row.start_date_text,
    participants: {
      total: row.participants_total,
      women: row.participants_women,
      men: row.participants_men,
    },
    employers: row.employers,
    costPerParticipantSek:
      row.cost_per_participant_sek === null ? null : Number(row.cost_per_participant_sek),
    outcome: completed,
    needs: (row.needs ?? []).map((n: InitiativeView['needs'][number]) => ({
      ...n,
      municipalityCode: n.municipalityCode.trim(),
    })),
    note: row.note,
    cancelReason: row.cancel_reason ?? null,
    attention: row.attention ?? [],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    statusChangedAt: row.status_changed_at ? new Date(row.status_changed_at).toISOString() : null,
  };
}
