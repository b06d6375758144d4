import type { MatchingInput } from './matching-input.types';
import { resolveParameters } from './matching-parameters';
import { buildCandidateGraph } from './candidate-graph.builder';
import { canonicalInput } from './canonical-input';
import { asOfToday } from './today';
import { cmp } from './geo';

/**
 * Reach regions: the partition of a rematch. Two counties belong to one region when a need of
 * each fits one offering start window (the candidate graph's need–slot edges: competence, mode,
 * distance or remote, dates, language, cost), directly or through a chain of such windows. A
 * region's needs and the start windows they reach are disjoint from every other region's, so
 * runs of different regions can never propose the same need or the same start window, and a run
 * over a whole region sees every need that can pool on its windows (neighbouring counties; remote
 * courses nationwide).
 *
 * Each region is a union of connected components of the fit graph (which the engine already
 * optimises one by one): the region is the coarsening that lets runs stay keyed, locked and
 * monitored by county. Counties with open needs but no shared window form a region of their own.
 *
 * Returns regions as sorted county-code lists, sorted by their first county; deterministic.
 */
export function reachRegions(given: MatchingInput): string[][] {
  const input = asOfToday(canonicalInput(given));
  const params = resolveParameters(input.parameters);
  const g = buildCandidateGraph(input, params);
  const countyOfNeed = (n: number): string => {
    const m = g.needMunicipality[n];
    return m >= 0 ? g.distances.countyOf[m] : g.needs[n].municipalityCode.slice(0, 2);
  };

  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (x !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const union = (a: string, b: string): void => {
    const x = find(a);
    const y = find(b);
    if (x !== y) parent.set(cmp(x, y) > 0 ? x : y, cmp(x, y) > 0 ? y : x);
  };

  // Every county of a (not yet committed) need is a region at least; committed needs are
  // excluded by the graph, but their counties still get a run (to supersede what is left).
  for (const need of input.needs) {
    const county = need.municipalityCode.slice(0, 2);
    if (!parent.has(county)) parent.set(county, county);
  }
  for (let n = 0; n < g.needs.length; n++) {
    const county = countyOfNeed(n);
    if (!parent.has(county)) parent.set(county, county);
  }
  for (let s = 0; s < g.slotCount; s++) {
    const a = g.slotStart[s];
    const b = g.slotStart[s + 1];
    if (b - a < 2) continue;
    const first = countyOfNeed(g.edgeNeed[a]);
    for (let e = a + 1; e < b; e++) union(first, countyOfNeed(g.edgeNeed[e]));
  }

  const byRoot = new Map<string, string[]>();
  for (const county of [...parent.keys()].sort(cmp)) {
    const root = find(county);
    const list = byRoot.get(root) ?? [];
    list.push(county);
    byRoot.set(root, list);
  }
  return [...byRoot.values()].sort((x, y) => cmp(x[0], y[0]));
}

/** The region of one county in a partition (the county alone when it has no open needs). */
export function regionOf(regions: readonly string[][], countyCode: string): string[] {
  return regions.find((r) => r.includes(countyCode)) ?? [countyCode];
}
