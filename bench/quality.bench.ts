/**
 * npm run bench:quality — 20 seeded regional instances of ≤ 200 needs: the engine's objective
 * against the exact optimum (HiGHS MILP of the same objective), plus the first-fit baseline.
 * `--seeds N` runs seeds 1..N instead (a wider check than the 20 the target is stated on).
 */
import { runMatching } from '@km/matching';
import { generateInstance } from './generator';
import { greedyBaseline } from './greedy-baseline';
import { solveExact } from './exact-milp';

/** Örebro and Västmanland län (part of the LC-KOMP region): dense enough that cohorts compete for needs. */
const REGION = ['18', '19'];

async function main(): Promise<void> {
  const i = process.argv.indexOf('--seeds');
  const seeds = i >= 0 ? Number(process.argv[i + 1]) : 20;
  const ratios: number[] = [];
  console.log('seed  needs offers pairs  engine     optimum    ratio    first-fit  milp(s)');
  for (let seed = 1; seed <= seeds; seed++) {
    const needs = 120 + ((seed * 37) % 81);
    const offerings = 20 + ((seed * 7) % 16);
    const input = generateInstance({
      needs,
      offerings,
      seed: 1000 + seed,
      counties: REGION,
      horizonDays: 120,
      competencePool: 8,
    });
    const result = runMatching(input);
    const exact = await solveExact(input);
    if (exact.status !== 'Optimal') throw new Error(`seed ${seed}: HiGHS status ${exact.status}`);
    if (exact.pairs !== exact.bruteForcePairs)
      throw new Error(
        `seed ${seed}: index found ${exact.pairs} pairs, brute force ${exact.bruteForcePairs}`,
      );
    const ratio = exact.objective > 0 ? Math.min(1, result.stats.objective / exact.objective) : 1;
    // stats.objective is rounded to 3 decimals.
    if (result.stats.objective > exact.objective + 2e-3)
      throw new Error(
        `seed ${seed}: engine ${result.stats.objective} above optimum ${exact.objective}`,
      );
    ratios.push(ratio);
    const base = greedyBaseline(input).objective;
    console.log(
      `${String(seed).padEnd(6)}${String(needs).padEnd(6)}${String(offerings).padEnd(7)}${String(exact.pairs).padEnd(7)}` +
        `${result.stats.objective.toFixed(3).padEnd(11)}${exact.objective.toFixed(3).padEnd(11)}${(ratio * 100).toFixed(2).padStart(6)} %  ` +
        `${base.toFixed(3).padEnd(11)}${exact.seconds.toFixed(2)}`,
    );
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  console.log(
    `\nratio engine/optimum over ${ratios.length} instances: min ${(sorted[0] * 100).toFixed(2)} %, median ${(median * 100).toFixed(2)} %`,
  );
  console.log(
    sorted[0] >= 0.98
      ? 'target ≥ 98 % on every instance: met'
      : 'target ≥ 98 % on every instance: NOT met',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
