/**
 * Best cohort for one offering start window from a pool of candidate needs: a 0/1 knapsack over
 * cohort sizes, exact for the per-need values. Needs are indivisible (a need's participants
 * train together), the cohort size must lie within the offering's [min, max], and each need with a
 * max cost needs the cohort to be at least its own minimum size (cost per head falls with size).
 *
 * Items must come sorted by that minimum size `k`. The DP then adds items in that order and, each
 * time `k` grows, reads the best value among sizes ≥ max(min, k): at that point every item seen
 * so far is affordable at any of those sizes, and no later (more demanding) item is included.
 */
export interface CohortItems {
  count: number;
  participants: Int32Array;
  value: Float64Array;
  minSize: Int32Array;
}

export interface BuiltCohort {
  /** Positions into the items, ascending. */
  chosen: number[];
  size: number;
  /** Sum of the chosen items' values plus the offset. */
  value: number;
}

export class CohortBuilder {
  private dp = new Float64Array(0);
  private take = new Uint8Array(0);

  best(items: CohortItems, minSize: number, maxSize: number, offset = 0): BuiltCohort | null {
    const W = maxSize;
    const width = W + 1;
    const n = items.count;
    if (n === 0 || W <= 0 || minSize > W) return null;
    if (this.dp.length < width) this.dp = new Float64Array(width);
    if (this.take.length < n * width)
      this.take = new Uint8Array(Math.max(n * width, this.take.length * 2));
    const dp = this.dp;
    const take = this.take;
    take.fill(0, 0, n * width);
    dp.fill(Number.NEGATIVE_INFINITY, 0, width);
    dp[0] = 0;

    let bestValue = Number.NEGATIVE_INFINITY;
    let bestSize = -1;
    let bestCount = 0;
    const { participants: P, value: V, minSize: K } = items;
    for (let i = 0; i < n; i++) {
      const p = P[i];
      const v = V[i];
      if (p <= W && p > 0) {
        const row = i * width;
        for (let s = W; s >= p; s--) {
          const prev = dp[s - p];
          if (prev === Number.NEGATIVE_INFINITY) continue;
          const cand = prev + v;
          if (cand > dp[s] + 1e-12) {
            dp[s] = cand;
            take[row + s] = 1;
          }
        }
      }
      if (i === n - 1 || K[i + 1] !== K[i]) {
        const lo = Math.max(minSize, K[i], 1);
        for (let s = lo; s <= W; s++) {
          const val = dp[s];
          if (val !== Number.NEGATIVE_INFINITY && val + offset > bestValue + 1e-9) {
            bestValue = val + offset;
            bestSize = s;
            bestCount = i + 1;
          }
        }
      }
    }
    if (bestSize < 0) return null;
    const chosen: number[] = [];
    let s = bestSize;
    for (let i = bestCount - 1; i >= 0 && s > 0; i--) {
      if (take[i * width + s]) {
        chosen.push(i);
        s -= P[i];
      }
    }
    chosen.reverse();
    return { chosen, size: bestSize, value: bestValue };
  }
}
