import type { CandidateGraph } from './candidate-graph.builder';
import type { MatchingParameters } from './matching-parameters';
import { NeedLocator } from './need-locator';
import { fromDayNumber, toDayNumber } from './calendar';
import { formatInt } from './swedish-text';
import { languageFits, requiresTravel } from './fit.rules';

/**
 * Groups needs that no cohort serves into unmet clusters: same or similar competence (similarity
 * to the cluster's seed ≥ threshold), able to reach the seed's municipality (or accepting remote
 * teaching), same language, and time windows overlapping by at least `minOverlapDays`.
 *
 * Seeds are taken largest need first (then by id), nearest candidates join first, and a cluster
 * stops at `maxParticipants` (the rest seeds another one). Viable clusters (≥ minParticipants) are
 * formed first so small leftovers never block them; the needs left over are then grouped the same
 * way only to report how far from viable they are.
 */
export interface FoundCluster {
  seed: number;
  competenceId: string;
  venue: number;
  members: number[];
  participants: number;
  from: number;
  to: number;
  viable: boolean;
  /** Free needs of similar competence nearby that could not join, with the reason in Swedish. */
  nearbyOthers: Array<{ needIndex: number; reason: string }>;
}

export function findUnmetClusters(
  g: CandidateGraph,
  free: readonly number[],
  params: MatchingParameters,
): FoundCluster[] {
  const rules = params.cluster;
  const isFree = new Uint8Array(g.needs.length);
  for (const n of free) isFree[n] = 1;
  const locator = new NeedLocator(g, (n) => isFree[n] === 1);
  const from = new Int32Array(g.needs.length);
  const to = new Int32Array(g.needs.length);
  for (const n of free) {
    from[n] = toDayNumber(g.needs[n].earliestStart);
    to[n] = toDayNumber(g.needs[n].latestEnd);
  }
  const seeds = [...free].sort((a, b) => g.needParticipants[b] - g.needParticipants[a] || a - b);
  const clustered = new Uint8Array(g.needs.length);
  const clusters: FoundCluster[] = [];

  const grow = (seed: number): FoundCluster | null => {
    const need = g.needs[seed];
    const venue = g.needMunicipality[seed];
    const competenceId = need.competenceIds[0];
    if (competenceId === undefined || g.needParticipants[seed] <= 0) return null;
    let lo = from[seed];
    let hi = to[seed];
    const members = [seed];
    let participants = g.needParticipants[seed];
    const nearbyOthers: Array<{ needIndex: number; reason: string }> = [];
    const around = locator.around(
      [competenceId],
      params.similarityThreshold,
      venue,
      rules.maxRadiusKm,
      400,
    );
    for (const n of around) {
      if (n === seed || clustered[n]) continue;
      const other = g.needs[n];
      const km = g.distances.between(g.needMunicipality[n], venue);
      const reachable =
        other.deliveryModes.includes('remote') ||
        (other.deliveryModes.some(requiresTravel) && km <= other.maxTravelKm);
      const nlo = Math.max(lo, from[n]);
      const nhi = Math.min(hi, to[n]);
      let reason: string | null = null;
      if (!reachable)
        reason = `avstånd ${formatInt(km)} km > max ${formatInt(other.maxTravelKm)} km`;
      else if (!languageFits(other.language, need.language))
        reason = `språk ${other.language} ≠ ${need.language}`;
      else if (nhi - nlo + 1 < rules.minOverlapDays)
        reason = `tidsfönstret ${other.earliestStart}–${other.latestEnd} överlappar gruppens ${fromDayNumber(lo)}–${fromDayNumber(hi)} mindre än ${formatInt(rules.minOverlapDays)} dagar`;
      else if (participants + g.needParticipants[n] > rules.maxParticipants)
        reason = `gruppen är full (max ${formatInt(rules.maxParticipants)} deltagare)`;
      if (reason === null) {
        members.push(n);
        participants += g.needParticipants[n];
        lo = nlo;
        hi = nhi;
      } else nearbyOthers.push({ needIndex: n, reason });
    }
    members.sort((a, b) => a - b);
    return {
      seed,
      competenceId,
      venue,
      members,
      participants,
      from: lo,
      to: hi,
      viable: participants >= rules.minParticipants && participants > 0,
      nearbyOthers,
    };
  };

  for (const seed of seeds) {
    if (clustered[seed]) continue;
    const cluster = grow(seed);
    if (!cluster || !cluster.viable) continue;
    for (const n of cluster.members) clustered[n] = 1;
    clusters.push(cluster);
  }
  for (const seed of seeds) {
    if (clustered[seed]) continue;
    const cluster = grow(seed);
    if (!cluster) continue;
    for (const n of cluster.members) clustered[n] = 1;
    clusters.push(cluster);
  }
  return clusters;
}
