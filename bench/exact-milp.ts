/**
 * Exact reference for small instances: the engine's objective as a mixed-integer program, solved
 * by HiGHS (WebAssembly, bench-only dependency).
 *
 * The compact formulation is exactly the engine's problem, without enumerating cohorts:
 *   x_e ∈ {0,1}   need n joins slot s (one variable per fitting pair e = (n, s))
 *   y_s ∈ {0,1}   slot s (offering start window) runs a cohort
 *   z_as ∈ [0,1]  employer a has a need in slot s (for the pooling bonus)
 * maximise  Σ value_e x_e + β Σ z_as − β Σ y_s          (β = pooling bonus; value(cohort) as in cohort.value.ts)
 *   Σ_{e∋n} x_e ≤ 1                                    each need in at most one cohort
 *   min_s y_s ≤ Σ_{e∈s} p_e x_e ≤ max_s y_s             size within the offering's min/max
 *   Σ_{e'∈s} p_e' x_e' − k_e x_e ≥ 0   (k_e > min_s)     cohort big enough for each member's max cost
 *   z_as ≤ Σ_{e∈s, employer a} x_e,  z_as ≤ y_s
 * The fitting pairs are re-derived by brute force over all need × start-window pairs with
 * evaluateFit, and checked against the engine's index, so both optimise over the same pairs.
 */
import {
  buildCandidateGraph,
  CompetenceSimilarity,
  DistanceTable,
  evaluateFit,
  resolveParameters,
  type MatchingInput,
} from '@km/matching';

export interface ExactResult {
  objective: number;
  status: string;
  pairs: number;
  bruteForcePairs: number;
  seconds: number;
  /** Participants served by the optimal solution found. */
  participantsServed: number;
}

type Highs = {
  solve(
    lp: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
};
let highsPromise: Promise<Highs> | null = null;

async function loadHighs(): Promise<Highs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  highsPromise ??= (require('highs') as (opts?: unknown) => Promise<Highs>)();
  return highsPromise;
}

export function bruteForcePairCount(input: MatchingInput): number {
  const parameters = resolveParameters(input.parameters);
  const ctx = {
    distances: new DistanceTable(input.municipalities, parameters.roadFactor),
    similarity: new CompetenceSimilarity(input.competences),
    parameters,
  };
  let count = 0;
  for (const need of input.needs)
    for (const offering of input.offerings) {
      const windows = new Set(offering.startWindows.map((w) => `${w.from}|${w.to}`));
      for (const key of windows) {
        const [from, to] = key.split('|');
        if (evaluateFit(need, offering, { from, to }, ctx).fits) count++;
      }
    }
  return count;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));

export async function solveExact(input: MatchingInput): Promise<ExactResult> {
  const params = resolveParameters(input.parameters);
  const g = buildCandidateGraph(input, params);
  const beta = params.weights.poolingBonus;
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  let zCount = 0;
  for (let s = 0; s < g.slotCount; s++) {
    const a = g.slotStart[s];
    const b = g.slotStart[s + 1];
    if (a === b) continue;
    binaries.push(`y${s}`);
    objective.push(`- ${num(beta)} y${s}`);
    const size: string[] = [];
    const byEmployer = new Map<number, number[]>();
    for (let e = a; e < b; e++) {
      binaries.push(`x${e}`);
      objective.push(`+ ${num(g.edgeValue[e])} x${e}`);
      size.push(`+ ${g.needParticipants[g.edgeNeed[e]]} x${e}`);
      const employer = g.needEmployer[g.edgeNeed[e]];
      byEmployer.set(employer, [...(byEmployer.get(employer) ?? []), e]);
    }
    rows.push(`min${s}: ${size.join(' ')} - ${g.slotMin[s]} y${s} >= 0`);
    rows.push(`max${s}: ${size.join(' ')} - ${g.slotMax[s]} y${s} <= 0`);
    for (let e = a; e < b; e++) {
      if (g.edgeMinSize[e] > g.slotMin[s])
        rows.push(`cost${e}: ${size.join(' ')} - ${g.edgeMinSize[e]} x${e} >= 0`);
    }
    for (const edges of byEmployer.values()) {
      const z = `z${zCount++}`;
      objective.push(`+ ${num(beta)} ${z}`);
      bounds.push(`0 <= ${z} <= 1`);
      rows.push(`${z}a: ${z} ${edges.map((e) => `- x${e}`).join(' ')} <= 0`);
      rows.push(`${z}b: ${z} - y${s} <= 0`);
    }
  }
  for (let n = 0; n < g.needs.length; n++) {
    const a = g.needEdgeStart[n];
    const b = g.needEdgeStart[n + 1];
    if (b - a > 1) {
      const terms = Array.from(g.needEdges.subarray(a, b), (e) => `+ x${e}`).join(' ');
      rows.push(`need${n}: ${terms} <= 1`);
    }
  }
  const bruteForcePairs = bruteForcePairCount(input);
  if (objective.length === 0)
    return {
      objective: 0,
      status: 'Optimal',
      pairs: 0,
      bruteForcePairs,
      seconds: 0,
      participantsServed: 0,
    };
  const lp = [
    'Maximize',
    ` obj: ${objective.join(' ')}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    'Bounds',
    ...bounds.map((r) => ` ${r}`),
    'Binary',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
  const highs = await loadHighs();
  const t0 = process.hrtime.bigint();
  const solution = highs.solve(lp, { mip_rel_gap: 0, mip_abs_gap: 1e-9, time_limit: 300 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let participantsServed = 0;
  for (let e = 0; e < g.edgeNeed.length; e++)
    if ((solution.Columns[`x${e}`]?.Primal ?? 0) > 0.5)
      participantsServed += g.needParticipants[g.edgeNeed[e]];
  return {
    participantsServed,
    objective: solution.ObjectiveValue,
    status: solution.Status,
    pairs: g.edgeNeed.length,
    bruteForcePairs,
    seconds,
  };
}
