import { EntityManager } from 'typeorm';
import { currentInstant, returnedRows } from '@km/common';

/** Why a broker should look at a planned initiative again; shown on it and e-mailed. */
export type AttentionKind =
  | 'offering-withdrawn'
  | 'offering-changed'
  | 'need-withdrawn'
  | 'below-minimum'
  | 'no-participants';

export interface AttentionFlag {
  kind: AttentionKind;
  /** Plain Swedish: what changed, with the old and new values. */
  detail: string;
  at: string;
}

/** Appends a flag to each initiative inside the caller's transaction. */
export async function flagInitiatives(
  tx: EntityManager,
  initiativeIds: readonly string[],
  kind: AttentionKind,
  detail: string,
): Promise<void> {
  if (initiativeIds.length === 0) return;
  const flag: AttentionFlag = { kind, detail, at: currentInstant().toISOString() };
  await tx.query(
    `UPDATE initiative SET attention = attention || jsonb_build_array($2::jsonb), updated_at = now()
      WHERE id = ANY ($1::uuid[])`,
    [initiativeIds, JSON.stringify(flag)],
  );
}

export interface PlannedOnOffering {
  id: string;
  countyCode: string;
  participants: number;
  startDate: string | null;
}

/** Planned initiatives on an offering, locked for the change the caller is making. */
export async function plannedInitiativesOnOffering(
  tx: EntityManager,
  offeringId: string,
): Promise<PlannedOnOffering[]> {
  const rows: {
    id: string;
    county_code: string;
    participants_total: number;
    start: string | null;
  }[] = await tx.query(
    `SELECT id, county_code, participants_total, start_date::text AS start FROM initiative
        WHERE offering_id = $1 AND status = 'planned' ORDER BY id FOR UPDATE`,
    [offeringId],
  );
  return rows.map((r) => ({
    id: r.id,
    countyCode: r.county_code.trim(),
    participants: r.participants_total,
    startDate: r.start,
  }));
}

export interface ReleasedNeed {
  initiativeId: string;
  countyCode: string;
  before: { participants: number; employers: number };
  after: { participants: number; women: number; men: number; employers: number };
  minParticipants: number | null;
  belowMinimum: boolean;
}

/**
 * A committed need whose employer withdrew leaves its planned or running initiative: it is no
 * longer counted (participants, gender split, employers, cost per head re-derived from the needs
 * still committed), and the initiative is flagged for its broker, also when it falls below the
 * course minimum. Returns null when the need was in no live initiative.
 */
export async function releaseWithdrawnNeed(
  tx: EntityManager,
  needId: string,
  employerName: string,
): Promise<ReleasedNeed | null> {
  const [initiative]: {
    id: string;
    county_code: string;
    participants_total: number;
    employers: number;
    offering_id: string | null;
  }[] = await tx.query(
    `SELECT i.id, i.county_code, i.participants_total, i.employers, i.offering_id
       FROM initiative i JOIN initiative_need ino ON ino.initiative_id = i.id
      WHERE ino.need_id = $1 AND ino.committed AND i.status IN ('planned', 'running')
      FOR UPDATE OF i`,
    [needId],
  );
  if (!initiative) return null;
  await tx.query(
    `UPDATE initiative_need SET committed = false WHERE initiative_id = $1 AND need_id = $2`,
    [initiative.id, needId],
  );
  const [offering]: { min: number; fixed: string; per: string }[] = initiative.offering_id
    ? await tx.query(
        `SELECT min_participants AS min, cost_fixed_sek AS fixed, cost_per_participant_sek AS per
           FROM offering WHERE id = $1`,
        [initiative.offering_id],
      )
    : [];
  const [after] = returnedRows<{
    participants_total: number;
    participants_women: number;
    participants_men: number;
    employers: number;
  }>(
    await tx.query(
      `UPDATE initiative i SET participants_total = s.total, participants_women = s.women,
              participants_men = s.men, employers = s.employers, updated_at = now(),
              cost_per_participant_sek = CASE WHEN $2::numeric IS NULL OR s.total = 0
                THEN i.cost_per_participant_sek ELSE round($2::numeric / s.total + $3::numeric, 2) END
         FROM (SELECT coalesce(sum(n.participants_total), 0)::int AS total,
                      coalesce(sum(n.participants_women), 0)::int AS women,
                      coalesce(sum(n.participants_men), 0)::int AS men,
                      count(DISTINCT n.employer_id)::int AS employers
                 FROM initiative_need ino JOIN need n ON n.id = ino.need_id
                WHERE ino.initiative_id = $1 AND ino.committed) s
        WHERE i.id = $1
        RETURNING i.participants_total, i.participants_women, i.participants_men, i.employers`,
      [initiative.id, offering?.fixed ?? null, offering?.per ?? null],
    ),
  );
  const min = offering ? offering.min : null;
  const belowMinimum = min !== null && after.participants_total < min;
  const ids = [initiative.id];
  await flagInitiatives(
    tx,
    ids,
    'need-withdrawn',
    `${employerName} har återkallat sitt behov. Deltagare: ${initiative.participants_total} → ` +
      `${after.participants_total}. Arbetsgivare: ${initiative.employers} → ${after.employers}.`,
  );
  if (after.participants_total === 0) {
    await flagInitiatives(tx, ids, 'no-participants', 'Insatsen har inga deltagare kvar.');
  } else if (belowMinimum) {
    await flagInitiatives(
      tx,
      ids,
      'below-minimum',
      `Insatsen har ${after.participants_total} deltagare, under utbildningens minimum ${min}.`,
    );
  }
  return {
    initiativeId: initiative.id,
    countyCode: initiative.county_code.trim(),
    before: { participants: initiative.participants_total, employers: initiative.employers },
    after: {
      participants: after.participants_total,
      women: after.participants_women,
      men: after.participants_men,
      employers: after.employers,
    },
    minParticipants: min,
    belowMinimum,
  };
}
