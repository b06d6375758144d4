import type { MatchingInput } from './matching-input.types';
import { resolveParameters } from './matching-parameters';
import { buildCandidateGraph } from './candidate-graph.builder';
import { canonicalInput } from './canonical-input';
import { asOfToday } from './today';
import { cmp } from './geo';
import { SMALL_RUN_EDGES } from './cohort.optimizer';

/** One partition of a run: the needs it matches and the offerings they can reach. */
export interface RunPartition {
  needIds: string[];
  offeringIds: string[];
}

export interface RunPartitions {
  /**
   * Candidate pairs of the whole run: each partition searches with this effort. When a sample of
   * the run's needs already has more than SMALL_RUN_EDGES, the sample's count: all a partition
   * asks of it is whether the run is small.
   */
  edges: number;
  parts: RunPartition[];
}

/** Needs whose candidate pairs are counted first; more while the run could still be small. */
const SAMPLE_NEEDS = 4096;

/**
 * Splits a run into at most `maxParts` partitions whose results together are the whole run's.
 *
 * Needs and offerings are grouped by competence area (areas joined when a need, an offering or a
 * concept's broader chain spans two): concepts of different areas have similarity 0, so no
 * candidate pair, unmet cluster or near miss ever links two groups — each group is a union of
 * connected components of the fit graph, and of everything else the engine relates. The groups
 * are then packed into partitions, largest first onto the lightest (needs plus their candidate
 * pairs, as many as a sample of the needs has), so the parts take about the same time.
 * Deterministic: the same input gives the same partitions.
 */
export function runPartitions(
  given: MatchingInput,
  maxParts: number,
  sampleNeeds = SAMPLE_NEEDS,
): RunPartitions {
  const input = asOfToday(canonicalInput(given));
  const params = resolveParameters(input.parameters);
  // The candidate pairs of every stride-th need (ids in order): a fair sample for balancing the
  // parts, and a lower bound of the run's pairs. Once the sample has more pairs than a small run
  // may, the run is not small and building the whole graph again (seconds at national scale,
  // before the partitions build theirs) is not needed; else the sample doubles, to every need.
  const byId = [...input.needs].sort((a, b) => cmp(a.id, b.id));
  const sampleOf = (stride: number): MatchingInput =>
    stride === 1 ? input : { ...input, needs: byId.filter((_, i) => i % stride === 0) };
  let stride = Math.max(1, Math.ceil(input.needs.length / Math.max(1, sampleNeeds)));
  let g = buildCandidateGraph(sampleOf(stride), params);
  while (stride > 1 && g.edgeNeed.length <= SMALL_RUN_EDGES) {
    stride = Math.ceil(stride / 2);
    g = buildCandidateGraph(sampleOf(stride), params);
  }
  const areaOf = (competenceId: string) => g.similarity.areaOf(competenceId);

  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const join = (keys: string[]): string => {
    const roots = [...new Set(keys.map(find))].sort(cmp);
    for (const r of roots.slice(1)) parent.set(r, roots[0]);
    return roots[0] ?? find('');
  };
  const areasOf = (competenceIds: readonly string[]): string[] =>
    competenceIds.flatMap((c) => g.similarity.ancestorsOf(c).map(areaOf));

  for (const c of input.competences) join(areasOf([c.id]));
  for (const n of input.needs) join(areasOf(n.competenceIds));
  for (const o of input.offerings) join(areasOf(o.competenceIds));
  const groupOf = (competenceIds: readonly string[]) => find(areasOf(competenceIds)[0] ?? '');

  const edgesOfNeed = new Map<string, number>();
  g.needs.forEach((n, i) => edgesOfNeed.set(n.id, g.needEdgeStart[i + 1] - g.needEdgeStart[i]));
  const groups = new Map<string, RunPartition & { weight: number }>();
  const group = (key: string) => {
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { needIds: [], offeringIds: [], weight: 0 }));
    return entry;
  };
  for (const n of input.needs) {
    const entry = group(groupOf(n.competenceIds));
    entry.needIds.push(n.id);
    // A sampled need stands for `stride` needs' pairs (1 when every need was counted).
    entry.weight += 1 + (edgesOfNeed.get(n.id) ?? 0) * stride;
  }
  for (const o of input.offerings) {
    const key = groupOf(o.competenceIds);
    // Offerings no need of the run can reach stay out of every partition.
    if (groups.has(key)) group(key).offeringIds.push(o.id);
  }

  const parts = Array.from({ length: Math.max(1, Math.min(maxParts, groups.size)) }, () => ({
    needIds: [] as string[],
    offeringIds: [] as string[],
    weight: 0,
  }));
  const largestFirst = [...groups.entries()].sort(
    ([ka, a], [kb, b]) => b.weight - a.weight || cmp(ka, kb),
  );
  for (const [, entry] of largestFirst) {
    const lightest = parts.reduce((best, p) => (p.weight < best.weight ? p : best), parts[0]);
    lightest.needIds.push(...entry.needIds);
    lightest.offeringIds.push(...entry.offeringIds);
    lightest.weight += entry.weight;
  }
  return {
    edges: g.edgeNeed.length,
    parts: parts
      .filter((p) => p.needIds.length > 0)
      .map((p) => ({ needIds: p.needIds.sort(cmp), offeringIds: p.offeringIds.sort(cmp) })),
  };
}
