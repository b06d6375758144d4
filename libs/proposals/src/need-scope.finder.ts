import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { calendarDayOf } from '@km/common';
import {
  CompetenceSimilarity,
  DEFAULT_MATCHING_PARAMETERS,
  DistanceTable,
  FittingWindow,
  MatchingInput,
  NeedInput,
  OfferingInput,
  PreviousProposal,
  fittingWindows,
  fromDayNumber,
  requiresTravel,
  toDayNumber,
} from '@km/matching';
import {
  MatchingScopeLoader,
  NeedReach,
  OPEN_NEED_STATUSES,
  ReferenceSnapshot,
} from './matching-scope.loader';

export type NeedRematchOutcome =
  | {
      placed: true;
      proposalId: string;
      /** The run row of the rematch; null when the need was already in an open proposal. */
      runId: string | null;
      inserted: number;
      superseded: number;
      windows: number;
      needs: number;
    }
  /** The need is for the debounced full run: gone, fits no start window, or left out here. */
  | { placed: false; reason: 'not-open' | 'no-window' | 'not-placed' };

/** What an incremental rematch of one need matches, and which counties it must lock. */
export interface LocalScope {
  /** The engine's input: the windows (as offerings with only those windows) and the needs. */
  input: MatchingInput;
  /** The start windows the need fits (`windowKey`). */
  windows: ReadonlySet<string>;
  /** Open proposals on those windows: superseded when the result does not hold them again. */
  openProposalIds: string[];
  /** Needs of those open proposals: unmet when the result leaves them out. */
  rematchedNeedIds: string[];
  needCounty: string;
  /**
   * Counties of the need, of every open need that fits one of the windows (in a proposal or not),
   * of the windows' venues and of their open proposals: in code order, the locks to hold.
   */
  counties: string[];
  countyOf: (municipalityCode: string) => string;
}

/**
 * A need that fits more start windows than this (remote courses nationwide) is tried on its
 * nearest ones only: each window brings its cohort and the free needs that fit it, so the scope
 * and the engine's work grow with every window, while the need joins one. The full run (debounced,
 * nightly) still weighs all of them.
 */
export const MAX_LOCAL_WINDOWS = 8;

export const windowKey = (offeringId: string, startWindowTo: string) =>
  `${offeringId}|${startWindowTo}`;

interface ProposalOnWindow {
  id: string;
  kind: PreviousProposal['kind'];
  status: string;
  offering_id: string;
  initiative_id: string | null;
  start_window_from: string;
  start_window_to: string;
  county_code: string;
  need_ids: string[];
}

/**
 * Works out the local scope of a new need (see NeedRematchService): SQL prefilters by
 * competence (every concept similar enough by the engine's similarity) and period, then the
 * engine's own candidate graph (`fittingWindows`) decides which windows the need fits and which
 * other needs fit them.
 */
@Injectable()
export class NeedScopeFinder {
  private similarity?: { reference: ReferenceSnapshot; index: CompetenceSimilarity };

  constructor(private readonly loader: MatchingScopeLoader) {}

  async find(
    manager: EntityManager,
    needId: string,
    today: string,
  ): Promise<LocalScope | NeedRematchOutcome> {
    const [state]: { open: boolean; proposal_id: string | null }[] = await manager.query(
      `SELECT n.status = ANY ($2) AND NOT EXISTS (
                SELECT 1 FROM initiative_need i WHERE i.need_id = n.id AND i.committed) AS open,
              (SELECT p.id FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
                WHERE pn.need_id = n.id AND p.status = 'open' LIMIT 1) AS proposal_id
         FROM need n WHERE n.id = $1`,
      [needId, OPEN_NEED_STATUSES],
    );
    if (!state?.open) return { placed: false, reason: 'not-open' };
    if (state.proposal_id)
      return {
        placed: true,
        proposalId: state.proposal_id,
        runId: null,
        inserted: 0,
        superseded: 0,
        windows: 0,
        needs: 0,
      };

    // Independent reads side by side: `manager` is the pool (the caller holds the locks on its
    // own connection, so every read sees what was committed before them).
    const [reference, [need], commitments, rejected] = await Promise.all([
      this.loader.referenceSnapshot(),
      this.loader.openNeeds(manager, { ids: [needId] }),
      this.loader.commitments(manager, today),
      this.rejectedPairs(manager, [needId]),
    ]);
    const base = { ...reference, commitments, today, previousProposals: [] };
    const nearNeed = await this.loader.offerings(manager, {
      competenceIds: this.similarTo(reference, need.competenceIds),
      from: need.earliestStart > today ? need.earliestStart : today,
      to: need.latestEnd,
    });
    const fits = fittingWindows({
      ...base,
      needs: [need],
      offerings: nearNeed,
      rejectedPairs: rejected,
      committedNeedIds: [],
    });
    if (fits.length === 0) return { placed: false, reason: 'no-window' };
    const onFitting = await this.proposalsOnWindows(
      manager,
      new Set(fits.map((f) => windowKey(f.offeringId, f.startWindowTo))),
    );
    const windows = nearestWindows(fits, onFitting, MAX_LOCAL_WINDOWS);
    const offerings = onlyWindows(nearNeed, windows);
    const onWindows = onFitting.filter((p) =>
      windows.has(windowKey(p.offering_id, p.start_window_to)),
    );
    const open = onWindows.filter((p) => p.status === 'open');
    const rematched = [...new Set(open.flatMap((p) => p.need_ids))].sort();
    // The needs of the windows' open proposals are read by id, whatever they look like now.
    const candidates = await this.loader.openNeeds(manager, {
      ids: [needId, ...rematched],
      near: {
        competenceIds: this.similarTo(
          reference,
          offerings.flatMap((o) => o.competenceIds),
        ),
        reach: reachOf(offerings, reference, today),
      },
    });
    const candidateIds = candidates.map((n) => n.id);
    const [inOpenProposal, committed, rejectedPairs] = await Promise.all([
      manager.query(
        `SELECT pn.need_id FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
          WHERE p.status = 'open' AND pn.need_id = ANY ($1::uuid[])`,
        [candidateIds],
      ) as Promise<{ need_id: string }[]>,
      manager.query(
        `SELECT need_id FROM initiative_need WHERE committed AND need_id = ANY ($1::uuid[])`,
        [candidateIds],
      ) as Promise<{ need_id: string }[]>,
      this.rejectedPairs(manager, candidateIds),
    ]);
    const committedNeedIds = committed.map((c) => c.need_id);
    const fitting = new Set(
      fittingWindows({
        ...base,
        needs: candidates,
        offerings,
        rejectedPairs,
        committedNeedIds,
      }).map((p) => p.needId),
    );

    // The engine gets the need, the needs of the windows' open proposals and the free needs
    // that fit them; needs in open proposals elsewhere stay where they are.
    const busy = new Set(inOpenProposal.map((r) => r.need_id));
    const onOpen = new Set(rematched);
    const needs = candidates.filter(
      (n) => n.id === needId || onOpen.has(n.id) || (fitting.has(n.id) && !busy.has(n.id)),
    );
    const countyOf = countyOfMunicipality(reference);
    const countyOfNeed = (n: NeedInput) => countyOf(n.municipalityCode);
    const counties = new Set<string>([countyOfNeed(need)]);
    for (const n of candidates)
      if (fitting.has(n.id) || onOpen.has(n.id)) counties.add(countyOfNeed(n));
    for (const o of offerings) counties.add(countyOf(o.venueMunicipalityCode));
    for (const p of open) counties.add(p.county_code.trim());
    const inScope = new Set(needs.map((n) => n.id));

    return {
      input: {
        ...base,
        needs,
        offerings,
        rejectedPairs: rejectedPairs.filter((r) => inScope.has(r.needId)),
        committedNeedIds: committedNeedIds.filter((id) => inScope.has(id)),
        previousProposals: onWindows.map((p) => ({
          id: p.id,
          kind: p.kind,
          status: p.status,
          offeringId: p.offering_id,
          initiativeId: p.initiative_id,
          startWindowFrom: calendarDayOf(p.start_window_from),
          needIds: p.need_ids,
        })),
      },
      windows,
      openProposalIds: open.map((p) => p.id).sort(),
      rematchedNeedIds: rematched,
      needCounty: countyOfNeed(need),
      counties: [...counties].sort(),
      countyOf,
    };
  }

  /** Every concept similar enough to one of `ids` to fit (similarity is symmetric). */
  private similarTo(reference: ReferenceSnapshot, ids: readonly string[]): string[] {
    if (this.similarity?.reference !== reference)
      this.similarity = { reference, index: new CompetenceSimilarity(reference.competences) };
    const threshold = DEFAULT_MATCHING_PARAMETERS.similarityThreshold;
    const out = new Set<string>();
    for (const id of new Set(ids))
      for (const s of this.similarity.index.similarTo(id, threshold)) out.add(s.id);
    return [...out].sort();
  }

  private async rejectedPairs(manager: EntityManager, needIds: readonly string[]) {
    const rows: { needId: string; offeringId: string }[] = await manager.query(
      `SELECT need_id AS "needId", offering_id AS "offeringId" FROM rejected_pair
        WHERE need_id = ANY ($1::uuid[])`,
      [needIds],
    );
    return rows;
  }

  /** Open and superseded proposals on the windows (superseded ones keep ids stable). */
  private async proposalsOnWindows(
    manager: EntityManager,
    windows: ReadonlySet<string>,
  ): Promise<ProposalOnWindow[]> {
    const keys = [...windows];
    return manager.query(
      `SELECT p.id, p.kind, p.status, p.offering_id, p.initiative_id,
              p.start_window_from::text AS start_window_from,
              p.start_window_to::text AS start_window_to, p.county_code,
              array_agg(pn.need_id::text ORDER BY pn.need_id) AS need_ids
         FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
        WHERE p.offering_id = ANY ($1::uuid[]) AND p.status IN ('open', 'superseded')
          AND (p.offering_id::text || '|' || p.start_window_to::text) = ANY ($2)
        GROUP BY p.id ORDER BY p.id`,
      [[...new Set(keys.map((k) => k.split('|')[0]))], keys],
    );
  }
}

/**
 * The start windows a new need is first tried on: those already holding an open proposal (joining
 * a cohort moves the fewest others), then by the need's fit to the course, then the earliest.
 */
export function nearestWindows(
  fits: readonly FittingWindow[],
  proposals: readonly { status: string; offering_id: string; start_window_to: string }[],
  max: number,
): Set<string> {
  const withCohort = new Set(
    proposals
      .filter((p) => p.status === 'open')
      .map((p) => windowKey(p.offering_id, p.start_window_to)),
  );
  const best = new Map<string, FittingWindow>();
  for (const f of fits) {
    const key = windowKey(f.offeringId, f.startWindowTo);
    if ((best.get(key)?.fit ?? -1) < f.fit) best.set(key, f);
  }
  const ranked = [...best.entries()].sort(
    ([ka, a], [kb, b]) =>
      Number(withCohort.has(kb)) - Number(withCohort.has(ka)) ||
      b.fit - a.fit ||
      (a.startWindowTo < b.startWindowTo ? -1 : a.startWindowTo > b.startWindowTo ? 1 : 0) ||
      (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  return new Set(ranked.slice(0, max).map(([key]) => key));
}

/** The offerings with only the given start windows: the engine proposes on nothing else. */
function onlyWindows(offerings: OfferingInput[], windows: ReadonlySet<string>): OfferingInput[] {
  return offerings
    .map((o) => ({
      ...o,
      startWindows: o.startWindows.filter((w) => windows.has(windowKey(o.id, w.to))),
    }))
    .filter((o) => o.startWindows.length > 0);
}

/**
 * What a need must have to fit one of the windows (NeedReach): a nationwide remote window made
 * every need of its competence a candidate, most of them far from every other window.
 */
export function reachOf(
  offerings: readonly OfferingInput[],
  reference: Pick<ReferenceSnapshot, 'municipalities'>,
  today: string,
): NeedReach {
  const distances = DistanceTable.shared(
    reference.municipalities,
    DEFAULT_MATCHING_PARAMETERS.roadFactor,
  );
  const venues = [
    ...new Set(
      offerings
        .filter((o) => requiresTravel(o.deliveryMode))
        .map((o) => o.venueMunicipalityCode)
        .filter((code) => distances.indexOf(code) >= 0),
    ),
  ];
  const venueKm = venues.length
    ? distances.codes.map(
        (code) => [code, Math.min(...venues.map((v) => distances.betweenCodes(code, v)))] as const,
      )
    : [];
  let opensBy = Number.NEGATIVE_INFINITY;
  let endsFrom = Number.POSITIVE_INFINITY;
  const day = toDayNumber(today);
  for (const o of offerings)
    for (const w of o.startWindows) {
      // A window that has begun starts today at the earliest (the engine's asOfToday).
      opensBy = Math.max(opensBy, toDayNumber(w.from), day);
      endsFrom = Math.min(endsFrom, toDayNumber(w.to) + o.durationDays - 1);
    }
  // No window at all (the finder never asks then): bounds of today.
  if (!Number.isFinite(opensBy)) [opensBy, endsFrom] = [day, day + 1];
  return {
    modes: [...new Set(offerings.map((o) => o.deliveryMode))].sort(),
    venueKm,
    earliestStartBy: fromDayNumber(opensBy),
    latestEndFrom: fromDayNumber(endsFrom),
  };
}

function countyOfMunicipality(reference: ReferenceSnapshot): (code: string) => string {
  const map = new Map(reference.municipalities.map((m) => [m.code, m.countyCode]));
  return (code) => map.get(code) ?? code.slice(0, 2);
}
