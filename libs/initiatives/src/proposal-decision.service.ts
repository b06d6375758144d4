import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@km/audit';
import { AuthUser } from '@km/auth';
import { NotFoundError, swedishToday } from '@km/common';
import { transitionNeeds } from '@km/needs';
import { NotificationService } from '@km/notifications';
import { OutboxService } from '@km/outbox';
import { LivingDraftWriter } from '@km/project-drafts';
import { OPEN_NEED_STATUSES, ProposalQuery } from '@km/proposals';
import { DomainEventType } from '@km/queue';
import { assertTouches, mayDecide } from './broker-scope';
import {
  CrossBorderDecisionError,
  NeedAlreadyCommittedError,
  OfferingWithdrawnError,
  ProposalNotOpenError,
  StartInPastError,
  InitiativeNotPlannedError,
  StartWindowFullError,
  StartWindowRemovedError,
} from './broker.errors';
import { returnedRows } from './sql-rows';
import { withTransactionRetry } from './transaction-retry';

interface LockedProposal {
  id: string;
  kind: 'joint_initiative' | 'new_initiative' | 'fill_initiative';
  status: string;
  county_code: string;
  offering_id: string | null;
  initiative_id: string | null;
  start_window_to: string | null;
  venue_municipality_code: string;
  suggested_learning_centre_id: string | null;
  start_date: string | null;
  start_window_from: string | null;
  participants_total: number;
  participants_women: number;
  participants_men: number;
  employers: number;
  cost_per_participant_sek: string | null;
  competence_ids: string[];
  theme: string;
}

type ApproveOutcome =
  { kind: 'approved'; initiativeId: string } | { kind: 'conflict'; error: Error };

const actorOf = (user: AuthUser) => ({ id: user.id, email: user.email, role: user.role });

/**
 * A broker's decision on a proposal. Approval happens in one transaction that locks the proposal
 * and then its needs in id order, so concurrent approvals of overlapping proposals serialise on
 * the shared needs: the first commits its needs, the others find them committed and answer 409.
 */
@Injectable()
export class ProposalDecisionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly proposals: ProposalQuery,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly drafts: LivingDraftWriter,
  ) {}

  /** 404 for an unknown proposal, 403 when it touches none of the caller's municipalities. */
  async assertInScope(user: AuthUser, proposalId: string): Promise<void> {
    const municipalities = await this.proposals.municipalitiesOf(proposalId);
    if (municipalities.length === 0) throw new NotFoundError('Proposal', proposalId);
    assertTouches(user, municipalities, 'proposal');
  }

  /**
   * 404 / 403 as `assertInScope`, and a 403 with a Swedish detail when the proposal pools
   * employers across a county border and the caller's centre does not run the course.
   */
  async assertMayDecide(user: AuthUser, proposalId: string): Promise<void> {
    await this.assertInScope(user, proposalId);
    const view = await this.proposals.get(proposalId);
    if (
      mayDecide(user, { ...view, deciderLearningCentreId: view.decider?.learningCentreId ?? null })
    )
      return;
    const [venue]: { name: string }[] = await this.db.query(
      `SELECT name FROM municipality WHERE code = $1`,
      [view.venueMunicipalityCode],
    );
    throw new CrossBorderDecisionError(
      venue?.name ?? view.venueMunicipalityCode,
      view.decider?.name ?? null,
    );
  }

  async approve(
    user: AuthUser,
    proposalId: string,
    note?: string | null,
  ): Promise<{ initiativeId: string }> {
    await this.assertMayDecide(user, proposalId);
    const outcome = await withTransactionRetry(() =>
      this.db.transaction((tx) => this.approveIn(tx, user, proposalId, note ?? null)),
    );
    if (outcome.kind === 'conflict') throw outcome.error;
    return { initiativeId: outcome.initiativeId };
  }

  private async approveIn(
    tx: EntityManager,
    user: AuthUser,
    proposalId: string,
    note: string | null,
  ): Promise<ApproveOutcome> {
    const [proposal]: LockedProposal[] = await tx.query(
      `SELECT id, kind, status, county_code, offering_id, initiative_id, venue_municipality_code,
              suggested_learning_centre_id, start_date::text AS start_date,
              start_window_from::text AS start_window_from,
              start_window_to::text AS start_window_to, participants_total,
              participants_women, participants_men, employers, cost_per_participant_sek,
              competence_ids, theme
         FROM proposal WHERE id = $1 FOR UPDATE`,
      [proposalId],
    );
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    if (proposal.status !== 'open') {
      return { kind: 'conflict', error: new ProposalNotOpenError(proposalId, proposal.status) };
    }
    const stale = await this.staleness(tx, proposal);
    if (stale) {
      await this.supersedeUnapprovable(tx, user, proposalId, stale.reason, {});
      return { kind: 'conflict', error: stale.error };
    }
    const needs: { id: string; status: string }[] = await tx.query(
      `SELECT n.id, n.status FROM need n
        WHERE n.id IN (SELECT need_id FROM proposal_need WHERE proposal_id = $1)
        ORDER BY n.id FOR UPDATE OF n`,
      [proposalId],
    );
    const needIds = needs.map((n) => n.id);
    const committed: { need_id: string }[] = await tx.query(
      `SELECT need_id FROM initiative_need WHERE committed AND need_id = ANY ($1::uuid[])`,
      [needIds],
    );
    const unavailable = [
      ...new Set([
        ...committed.map((row) => row.need_id),
        ...needs.filter((n) => !OPEN_NEED_STATUSES.includes(n.status)).map((n) => n.id),
      ]),
    ].sort();
    if (unavailable.length > 0 || needs.length === 0) {
      await this.supersedeUnapprovable(tx, user, proposalId, 'need-already-committed', {
        needIds: unavailable,
      });
      return { kind: 'conflict', error: new NeedAlreadyCommittedError(unavailable) };
    }

    const initiativeId =
      proposal.kind === 'fill_initiative'
        ? await this.joinInitiative(tx, proposal, needIds)
        : await this.createInitiative(tx, user, proposal, note);
    await tx.query(
      `INSERT INTO initiative_need (initiative_id, need_id, committed, joined_at)
       SELECT $1, unnest($2::uuid[]), true, CASE WHEN $3 THEN now() END
       ON CONFLICT (initiative_id, need_id) DO UPDATE SET committed = true,
              joined_at = EXCLUDED.joined_at`,
      [initiativeId, needIds, proposal.kind === 'fill_initiative'],
    );
    await transitionNeeds(tx, needIds, 'matched');
    await tx.query(
      `UPDATE proposal SET status = 'approved', decided_at = now(), decided_by = $2,
              decision_note = $3, updated_at = now() WHERE id = $1`,
      [proposalId, user.id, note],
    );
    // Rows another request holds are skipped rather than waited for (no lock cycles); that
    // request then finds the needs committed and supersedes its proposal itself.
    const superseded = returnedRows<{ id: string }>(
      await tx.query(
        `UPDATE proposal SET status = 'superseded', updated_at = now()
        WHERE id IN (SELECT p.id FROM proposal p
                      WHERE p.status = 'open' AND p.id <> $1
                        AND EXISTS (SELECT 1 FROM proposal_need pn
                                     WHERE pn.proposal_id = p.id AND pn.need_id = ANY ($2::uuid[]))
                      ORDER BY p.id FOR UPDATE SKIP LOCKED)
          AND status = 'open'
      RETURNING id`,
        [proposalId, needIds],
      ),
    );
    const supersededIds = superseded.map((row) => row.id).sort();
    await this.audit.record(tx, {
      actor: actorOf(user),
      action: 'proposal.approve',
      entityType: 'proposal',
      entityId: proposalId,
      before: { status: 'open' },
      after: {
        status: 'approved',
        initiativeId,
        needIds,
        note,
        supersededProposalIds: supersededIds,
      },
    });
    await this.outbox.add(tx, {
      type: DomainEventType.ProposalApproved,
      aggregateType: 'proposal',
      aggregateId: proposalId,
      countyCode: proposal.county_code.trim(),
      payload: { initiativeId, needIds, supersededProposalIds: supersededIds },
    });
    await this.notifications.proposalApproved(tx, initiativeId);
    // The draft shows the proposal as an initiative (and drops the superseded ones) at once; the
    // rematch the event triggers recomputes it again.
    await this.drafts.recomputeCounty(tx, proposal.county_code.trim(), null);
    return { kind: 'approved', initiativeId };
  }

  /**
   * Why the proposal can no longer be approved as it stands, re-checked under locks inside the
   * approval: its offering withdrawn (locked FOR SHARE, so a concurrent withdrawal waits for this
   * approval or the approval sees it), its start window full or removed, the initiative it would
   * fill no longer planned, or its start date passed.
   */
  private async staleness(
    tx: EntityManager,
    proposal: LockedProposal,
  ): Promise<{ reason: string; error: Error } | null> {
    let offering: { title: string; withdrawn: boolean; max: number } | undefined;
    if (proposal.offering_id) {
      [offering] = await tx.query(
        `SELECT o.title, o.deleted_at IS NOT NULL AS withdrawn, o.max_participants AS max
           FROM offering o WHERE o.id = $1 FOR SHARE OF o`,
        [proposal.offering_id],
      );
      if (!offering || offering.withdrawn) {
        return {
          reason: 'offering-withdrawn',
          error: new OfferingWithdrawnError(offering?.title ?? proposal.theme),
        };
      }
    }
    const today = swedishToday();
    if (proposal.start_date && proposal.start_date < today) {
      return {
        reason: 'start-in-past',
        error: new StartInPastError(proposal.start_date, today),
      };
    }
    return offering ? this.capacityConflict(tx, proposal, offering) : null;
  }

  /**
   * The capacity rules (libs/matching capacity.rules.ts) under a lock: the start window's row is
   * locked FOR UPDATE first, so approvals on one window take turns, and what approved initiatives
   * hold is counted only after the lock is held (a statement of its own, so it sees every
   * approval committed before). A new cohort needs a free group; a fill needs free seats in its
   * planned initiative (locked FOR UPDATE too).
   */
  private async capacityConflict(
    tx: EntityManager,
    proposal: LockedProposal,
    offering: { title: string; max: number },
  ): Promise<{ reason: string; error: Error } | null> {
    const from = proposal.start_window_from ?? '';
    // A run moves a window that has begun to start today: the row is the one the proposal lies in.
    const [window]: { id: string; groups: number; from_date: string; to_date: string }[] =
      await tx.query(
        `SELECT id, groups, from_date::text AS from_date, to_date::text AS to_date
           FROM offering_start_window
          WHERE offering_id = $1 AND to_date = $3::date AND $2::date BETWEEN from_date AND to_date
          ORDER BY from_date DESC LIMIT 1 FOR UPDATE`,
        [proposal.offering_id, proposal.start_window_from, proposal.start_window_to],
      );
    if (!window) {
      return {
        reason: 'start-window-removed',
        error: new StartWindowRemovedError(offering.title, from),
      };
    }
    if (proposal.kind === 'fill_initiative') {
      const [initiative]: { status: string; participants_total: number }[] = await tx.query(
        `SELECT status, participants_total FROM initiative WHERE id = $1 FOR UPDATE`,
        [proposal.initiative_id],
      );
      if (!initiative || initiative.status !== 'planned') {
        return {
          reason: 'initiative-not-planned',
          error: new InitiativeNotPlannedError(offering.title, initiative?.status ?? 'cancelled'),
        };
      }
      if (initiative.participants_total + proposal.participants_total > offering.max) {
        return {
          reason: 'start-window-full',
          error: new StartWindowFullError(offering.title, from, {
            kind: 'seats',
            taken: initiative.participants_total,
            adding: proposal.participants_total,
            max: offering.max,
          }),
        };
      }
      return null;
    }
    const [{ used }]: { used: number }[] = await tx.query(
      `SELECT count(*)::int AS used
         FROM initiative i JOIN proposal p ON p.id = i.proposal_id
        WHERE i.offering_id = $1 AND i.kind = 'joint_initiative' AND i.status <> 'cancelled'
          AND p.start_window_to = $3::date AND p.start_window_from BETWEEN $2::date AND $3::date`,
      [proposal.offering_id, window.from_date, window.to_date],
    );
    if (used >= window.groups || proposal.participants_total > offering.max) {
      return {
        reason: 'start-window-full',
        error: new StartWindowFullError(offering.title, from, {
          kind: 'groups',
          used,
          groups: window.groups,
          max: offering.max,
        }),
      };
    }
    return null;
  }

  /**
   * A fill: the proposal's needs join the planned initiative, whose size, gender split, employers
   * and cost per participant follow (the seats were checked under its lock in `capacityConflict`).
   */
  private async joinInitiative(
    tx: EntityManager,
    proposal: LockedProposal,
    needIds: string[],
  ): Promise<string> {
    const initiativeId = proposal.initiative_id!;
    await tx.query(
      `UPDATE initiative i
          SET participants_total = i.participants_total + $2,
              participants_women = i.participants_women + $3,
              participants_men = i.participants_men + $4,
              employers = (SELECT count(DISTINCT n.employer_id)::int
                             FROM need n
                            WHERE n.id IN (SELECT need_id FROM initiative_need
                                            WHERE initiative_id = i.id AND committed)
                               OR n.id = ANY ($5::uuid[])),
              cost_per_participant_sek = round(o.cost_fixed_sek::numeric
                                                 / (i.participants_total + $2)
                                               + o.cost_per_participant_sek, 2),
              updated_at = now()
         FROM offering o
        WHERE i.id = $1 AND o.id = i.offering_id`,
      [
        initiativeId,
        proposal.participants_total,
        proposal.participants_women,
        proposal.participants_men,
        needIds,
      ],
    );
    return initiativeId;
  }

  /** The proposal can never be approved now: take it off the brokers' list (the caller answers 409). */
  private async supersedeUnapprovable(
    tx: EntityManager,
    user: AuthUser,
    proposalId: string,
    reason: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await tx.query(`UPDATE proposal SET status = 'superseded', updated_at = now() WHERE id = $1`, [
      proposalId,
    ]);
    await this.audit.record(tx, {
      actor: actorOf(user),
      action: 'proposal.supersede',
      entityType: 'proposal',
      entityId: proposalId,
      before: { status: 'open' },
      after: { status: 'superseded', reason, ...details },
    });
  }

  private async createInitiative(
    tx: EntityManager,
    user: AuthUser,
    p: LockedProposal,
    note: string | null,
  ): Promise<string> {
    let learningCentreId = p.suggested_learning_centre_id;
    let title: string;
    if (p.kind === 'joint_initiative' && p.offering_id) {
      const [offering]: { title: string; learning_centre_id: string }[] = await tx.query(
        `SELECT title, learning_centre_id FROM offering WHERE id = $1`,
        [p.offering_id],
      );
      title = offering?.title ?? p.theme;
      learningCentreId = offering?.learning_centre_id ?? learningCentreId;
    } else {
      const labels: { label: string }[] = await tx.query(
        `SELECT label FROM competence WHERE id = ANY ($1::text[]) ORDER BY label`,
        [p.competence_ids],
      );
      title = `Ny utbildning: ${labels.map((l) => l.label).join(', ') || p.theme}`;
    }
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO initiative (proposal_id, kind, offering_id, learning_centre_id, county_code,
              venue_municipality_code, title, start_date, participants_total, participants_women,
              participants_men, employers, cost_per_participant_sek, note, created_by,
              offering_commitment, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())
       RETURNING id`,
      [
        p.id,
        p.kind,
        p.offering_id,
        learningCentreId,
        p.county_code,
        p.venue_municipality_code,
        title.slice(0, 300),
        p.start_date,
        p.participants_total,
        p.participants_women,
        p.participants_men,
        p.employers,
        p.cost_per_participant_sek,
        note,
        user.id,
        // A new_initiative approval is the suggested centre's commitment to create the offering.
        p.kind === 'new_initiative',
      ],
    );
    return row.id;
  }

  /** Rejects an open proposal and remembers each need + offering pair, so it is never proposed again. */
  async reject(
    user: AuthUser,
    proposalId: string,
    reason: string,
  ): Promise<{ id: string; status: 'rejected'; rejectedPairs: number }> {
    await this.assertMayDecide(user, proposalId);
    return withTransactionRetry(() =>
      this.db.transaction(async (tx) => {
        const [proposal]: { status: string; offering_id: string | null; county_code: string }[] =
          await tx.query(
            `SELECT status, offering_id, county_code FROM proposal WHERE id = $1 FOR UPDATE`,
            [proposalId],
          );
        if (!proposal) throw new NotFoundError('Proposal', proposalId);
        if (proposal.status !== 'open') throw new ProposalNotOpenError(proposalId, proposal.status);
        await tx.query(
          `UPDATE proposal SET status = 'rejected', decided_at = now(), decided_by = $2,
                  decision_note = $3, updated_at = now() WHERE id = $1`,
          [proposalId, user.id, reason],
        );
        // RETURNING comes in no set order: the audit entry and the event list the needs sorted.
        const pairs: { need_id: string }[] = (
          proposal.offering_id
            ? await tx.query(
                `INSERT INTO rejected_pair (need_id, offering_id, proposal_id, reason, rejected_by)
                 SELECT need_id, $2, $1, $3, $4 FROM proposal_need WHERE proposal_id = $1
                 ON CONFLICT (need_id, offering_id) DO NOTHING RETURNING need_id`,
                [proposalId, proposal.offering_id, reason, user.id],
              )
            : []
        ).sort((a: { need_id: string }, b: { need_id: string }) =>
          a.need_id < b.need_id ? -1 : a.need_id > b.need_id ? 1 : 0,
        );
        await this.audit.record(tx, {
          actor: actorOf(user),
          action: 'proposal.reject',
          entityType: 'proposal',
          entityId: proposalId,
          before: { status: 'open' },
          after: {
            status: 'rejected',
            reason,
            rejectedPairs: pairs.map((p) => ({
              needId: p.need_id,
              offeringId: proposal.offering_id,
            })),
          },
        });
        await this.outbox.add(tx, {
          type: DomainEventType.ProposalRejected,
          aggregateType: 'proposal',
          aggregateId: proposalId,
          countyCode: proposal.county_code.trim(),
          payload: { offeringId: proposal.offering_id, needIds: pairs.map((p) => p.need_id) },
        });
        await this.drafts.recomputeCounty(tx, proposal.county_code.trim(), null);
        return { id: proposalId, status: 'rejected' as const, rejectedPairs: pairs.length };
      }),
    );
  }
}
