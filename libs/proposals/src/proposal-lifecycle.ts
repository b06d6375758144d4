import { EntityManager } from 'typeorm';
import { returnedRows } from '@km/common';
import type { Proposal } from '@km/matching';

export interface SupersededProposal {
  id: string;
  countyCode: string;
}

/**
 * Takes every open proposal on an offering off the brokers' lists, in every county (each county's
 * run uses every offering), inside the caller's transaction. Rows are locked in id order so a
 * concurrent approval either commits first or finds its proposal superseded.
 */
export async function supersedeOpenProposalsOnOffering(
  tx: EntityManager,
  offeringId: string,
): Promise<SupersededProposal[]> {
  const rows = returnedRows<{ id: string; county_code: string }>(
    await tx.query(
      `UPDATE proposal SET status = 'superseded', updated_at = now()
        WHERE id IN (SELECT id FROM proposal WHERE offering_id = $1 AND status = 'open'
                      ORDER BY id FOR UPDATE)
        RETURNING id, county_code`,
      [offeringId],
    ),
  );
  return rows
    .map((r) => ({ id: r.id, countyCode: r.county_code.trim() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Open proposals holding any of the needs: they cannot be approved once a need has left. */
export async function supersedeOpenProposalsWithNeeds(
  tx: EntityManager,
  needIds: readonly string[],
): Promise<SupersededProposal[]> {
  if (needIds.length === 0) return [];
  const rows = returnedRows<{ id: string; county_code: string }>(
    await tx.query(
      `UPDATE proposal SET status = 'superseded', updated_at = now()
        WHERE id IN (SELECT p.id FROM proposal p
                      WHERE p.status = 'open'
                        AND EXISTS (SELECT 1 FROM proposal_need pn
                                     WHERE pn.proposal_id = p.id AND pn.need_id = ANY ($1::uuid[]))
                      ORDER BY p.id FOR UPDATE)
        RETURNING id, county_code`,
      [needIds],
    ),
  );
  return rows
    .map((r) => ({ id: r.id, countyCode: r.county_code.trim() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Marks the cohort of a cancelled initiative's proposal so the matcher does not propose it again
 * unchanged (blocked = true), or lets it come back once a broker reopens it (false).
 */
export async function setCohortBlocked(
  tx: EntityManager,
  proposalId: string,
  blocked: boolean,
): Promise<void> {
  await tx.query(
    `UPDATE proposal SET blocked_since_cancel = $2, updated_at = now()
      ${blocked ? `, status = CASE WHEN status = 'approved' THEN 'superseded' ELSE status END` : ''}
      WHERE id = $1`,
    [proposalId, blocked],
  );
}

/**
 * A cohort whose initiative a broker cancelled is not proposed again unchanged until a broker
 * reopens it: such proposals leave a run's result (its needs stay free for other cohorts).
 */
export async function withoutBlockedCohorts<T extends { proposals: Proposal[] }>(
  manager: EntityManager,
  result: T,
): Promise<T> {
  const ids = result.proposals.map((p) => p.id);
  if (ids.length === 0) return result;
  const blocked: { id: string }[] = await manager.query(
    `SELECT id FROM proposal WHERE id = ANY ($1) AND blocked_since_cancel`,
    [ids],
  );
  const skip = new Set(blocked.map((b) => b.id));
  return { ...result, proposals: result.proposals.filter((p) => !skip.has(p.id)) };
}
