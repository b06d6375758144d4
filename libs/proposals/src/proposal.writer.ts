import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Proposal } from '@km/matching';
import { LivingDraftWriter } from '@km/project-drafts';
import { transitionNeeds } from '@km/needs';
import { insertRows, returnedRows } from './sql-batch';

export interface WriteCounts {
  inserted: number;
  kept: number;
  superseded: number;
  needsProposed: number;
  needsUnmet: number;
  projectDrafts: number;
}

/**
 * Persists one scope's matching result (a reach region: one or more counties) inside the
 * caller's transaction. Proposal ids derive from
 * content, so an unchanged proposal keeps its id and status and a replayed write is a no-op;
 * approved and rejected proposals are never touched. Then the county's living ESF drafts are
 * recomputed in the same transaction.
 */
@Injectable()
export class ProposalWriter {
  constructor(private readonly drafts: LivingDraftWriter) {}

  async write(
    tx: EntityManager,
    countyCodes: readonly string[],
    runId: string,
    scopeNeedIds: string[],
    result: { proposals: Proposal[] },
    countyOf: (municipalityCode: string) => string,
    options: WriteOptions = {},
  ): Promise<WriteCounts> {
    const ids = result.proposals.map((p) => p.id);
    const existing: { id: string; status: string }[] = ids.length
      ? await tx.query(`SELECT id, status FROM proposal WHERE id = ANY ($1)`, [ids])
      : [];
    const known = new Set(existing.map((row) => row.id));
    // An open proposal found again is left as it is (its row would not change): only new and
    // reappearing ones are sent, so a repeat run does not ship every explanation again.
    const open = new Set(existing.filter((row) => row.status === 'open').map((row) => row.id));

    await insertRows(
      tx,
      'proposal',
      [
        'id',
        'kind',
        'status',
        'county_code',
        'offering_id',
        'initiative_id',
        'start_window_from',
        'start_window_to',
        'start_date',
        'venue_municipality_code',
        'suggested_learning_centre_id',
        'participants_total',
        'participants_women',
        'participants_men',
        'employers',
        'cost_per_participant_sek',
        'total_cost_sek',
        'score',
        'competence_ids',
        'theme',
        'explanation',
        'run_id',
      ],
      result.proposals
        .filter((p) => !open.has(p.id))
        .map((p) => [
          p.id,
          p.kind,
          'open',
          homeCounty(p, countyOf),
          p.offeringId,
          p.initiativeId ?? null,
          p.startWindow?.from ?? null,
          p.startWindow?.to ?? null,
          p.startDate,
          p.venueMunicipalityCode,
          p.suggestedLearningCentreId,
          p.participants.total,
          p.participants.women,
          p.participants.men,
          p.employers,
          p.costPerParticipantSek,
          p.totalCostSek,
          p.score,
          p.competenceIds,
          p.theme,
          JSON.stringify(p.explanation),
          runId,
        ]),
      // A superseded proposal that reappears unchanged is open again; decided ones stay decided.
      // It takes the recomputed content: an offering edit changes venue, cost and explanation.
      `ON CONFLICT (id) DO UPDATE SET status = 'open', explanation = EXCLUDED.explanation,
         score = EXCLUDED.score, run_id = EXCLUDED.run_id, updated_at = now(),
         start_window_to = EXCLUDED.start_window_to, start_date = EXCLUDED.start_date,
         venue_municipality_code = EXCLUDED.venue_municipality_code,
         suggested_learning_centre_id = EXCLUDED.suggested_learning_centre_id,
         cost_per_participant_sek = EXCLUDED.cost_per_participant_sek,
         total_cost_sek = EXCLUDED.total_cost_sek, theme = EXCLUDED.theme,
         decided_at = NULL, decided_by = NULL, decision_note = NULL
       WHERE proposal.status = 'superseded' AND NOT proposal.blocked_since_cancel`,
    );
    await insertRows(
      tx,
      'proposal_need',
      [
        'proposal_id',
        'need_id',
        'employer_id',
        'employer_name',
        'municipality_code',
        'participants_total',
        'participants_women',
        'participants_men',
        'distance_km',
        'fit',
      ],
      // An open proposal found again has the same needs (its id is its content), and what a
      // need's row holds changes only with an edit that supersedes the proposal first: its
      // rows are not sent again (a repeat nationwide run sent 60,000 rows to change none).
      result.proposals
        .filter((p) => !open.has(p.id))
        .flatMap((p) =>
          p.needs.map((n) => [
            p.id,
            n.needId,
            n.employerId,
            n.employerName,
            n.municipalityCode,
            n.participants.total,
            n.participants.women,
            n.participants.men,
            n.distanceKm,
            n.fit,
          ]),
        ),
      `ON CONFLICT (proposal_id, need_id) DO UPDATE SET distance_km = EXCLUDED.distance_km,
         fit = EXCLUDED.fit
       WHERE EXISTS (SELECT 1 FROM proposal p WHERE p.id = proposal_need.proposal_id AND p.status = 'open')
         -- An unchanged row is not rewritten: a repeat run with nothing new writes no proposal rows.
         AND (proposal_need.distance_km IS DISTINCT FROM EXCLUDED.distance_km
              OR proposal_need.fit IS DISTINCT FROM EXCLUDED.fit)`,
    );

    // Every open proposal of the scope that this result does not hold again: those filed under
    // its counties and those holding one of its needs (a pool written when the region was wider);
    // for a partition, those holding one of its needs (the parent sweeps the rest).
    const superseded = returnedRows<DraftKey>(
      await tx.query(
        options.partitionNeedIds
          ? `UPDATE proposal SET status = 'superseded', updated_at = now()
              WHERE status = 'open' AND NOT (id = ANY ($2))
                AND EXISTS (SELECT 1 FROM proposal_need pn
                             WHERE pn.proposal_id = proposal.id AND pn.need_id = ANY ($1::uuid[]))
              RETURNING county_code, theme`
          : `UPDATE proposal SET status = 'superseded', updated_at = now()
              WHERE status = 'open' AND NOT (id = ANY ($2))
                AND (county_code = ANY ($1)
                     OR EXISTS (SELECT 1 FROM proposal_need pn JOIN need n ON n.id = pn.need_id
                                 WHERE pn.proposal_id = proposal.id AND n.county_code = ANY ($1)))
              RETURNING county_code, theme`,
        [options.partitionNeedIds ?? countyCodes, ids],
      ),
    );

    const proposedNeedIds = [
      ...new Set(result.proposals.flatMap((p) => p.needs.map((n) => n.needId))),
    ];
    const proposed = await transitionNeeds(tx, proposedNeedIds, 'proposed');
    const inProposal = new Set(proposedNeedIds);
    const unmet = await transitionNeeds(
      tx,
      scopeNeedIds.filter((id) => !inProposal.has(id)),
      'unmet',
    );

    // The engine's drafts cover only this run's proposals; the living drafts also hold the
    // county's approved initiatives, so they are recomputed from the database instead.
    // A partition holds whole competence areas, so the drafts of its themes (county × theme) are
    // its own: it recomputes those whose proposals it changed, beside the other partitions.
    const projectDrafts = options.partitionNeedIds
      ? await this.recomputeDraftsOf(
          tx,
          [
            ...result.proposals
              .filter((p) => !open.has(p.id))
              .map((p) => ({ county_code: homeCounty(p, countyOf), theme: p.theme })),
            ...superseded,
          ],
          runId,
        )
      : await this.recomputeDrafts(tx, countyCodes, runId);

    return {
      inserted: ids.filter((id) => !known.has(id)).length,
      kept: ids.filter((id) => known.has(id)).length,
      superseded: superseded.length,
      needsProposed: proposed.length,
      needsUnmet: unmet.length,
      projectDrafts,
    };
  }

  /** Recomputes the living ESF drafts of the counties; returns how many have content. */
  async recomputeDrafts(
    tx: EntityManager,
    countyCodes: readonly string[],
    runId: string,
  ): Promise<number> {
    let projectDrafts = 0;
    for (const countyCode of countyCodes)
      projectDrafts += await this.drafts.recomputeCounty(tx, countyCode, runId);
    return projectDrafts;
  }

  /** Recomputes the drafts (county × theme) of the given proposals' keys; how many have content. */
  async recomputeDraftsOf(
    tx: EntityManager,
    keys: readonly DraftKey[],
    runId: string,
  ): Promise<number> {
    const themesOf = new Map<string, Set<string>>();
    for (const { county_code, theme } of keys) {
      const county = county_code.trim();
      themesOf.set(county, (themesOf.get(county) ?? new Set()).add(theme));
    }
    let projectDrafts = 0;
    for (const county of [...themesOf.keys()].sort())
      projectDrafts += await this.drafts.recomputeCounty(
        tx,
        county,
        runId,
        [...themesOf.get(county)!].sort(),
      );
    return projectDrafts;
  }

  /**
   * The end of a partitioned run: every open proposal holding none of the run's needs (they
   * were committed, withdrawn or expired meanwhile) is superseded, as a whole-scope write would,
   * and the drafts of those proposals are recomputed (the partitions recomputed their own).
   */
  async supersedeOutside(
    tx: EntityManager,
    runNeedIds: readonly string[],
    runId: string,
  ): Promise<{ superseded: number; projectDrafts: number }> {
    const rows = returnedRows<DraftKey>(
      await tx.query(
        `WITH held AS (SELECT DISTINCT pn.proposal_id FROM proposal_need pn
                          JOIN unnest($1::uuid[]) AS run(need_id) ON run.need_id = pn.need_id)
         UPDATE proposal SET status = 'superseded', updated_at = now()
          WHERE status = 'open' AND id NOT IN (SELECT proposal_id FROM held)
          RETURNING county_code, theme`,
        [runNeedIds],
      ),
    );
    return {
      superseded: rows.length,
      projectDrafts: await this.recomputeDraftsOf(tx, rows, runId),
    };
  }
}

/** The draft a proposal belongs to: its county and theme (competence area). */
interface DraftKey {
  county_code: string;
  theme: string;
}

/** How a write is scoped. */
export interface WriteOptions {
  /**
   * Set for one partition of a nationwide run: only open proposals holding one of these needs are
   * superseded, and the drafts are left to the parent (recomputed once when all parts are done).
   */
  partitionNeedIds?: readonly string[];
}

/**
 * The county a proposal is filed under (its ESF draft, the county filter of the lists): the
 * county of most of its participants; on a tie the venue's county when it is one of them, else
 * the lowest code. A pool within one county keeps that county, as before pooling crossed borders.
 */
export function homeCounty(
  p: Pick<Proposal, 'needs' | 'venueMunicipalityCode'>,
  countyOf: (municipalityCode: string) => string,
): string {
  const participants = new Map<string, number>();
  for (const n of p.needs) {
    const county = countyOf(n.municipalityCode);
    participants.set(county, (participants.get(county) ?? 0) + n.participants.total);
  }
  const venue = countyOf(p.venueMunicipalityCode);
  if (participants.size === 0) return venue;
  const most = Math.max(...participants.values());
  const tied = [...participants.keys()].filter((c) => participants.get(c) === most).sort();
  return tied.includes(venue) ? venue : tied[0];
}
