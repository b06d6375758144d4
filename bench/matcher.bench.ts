/**
 * npm run bench:matcher -- --needs 100000 --offerings 10000 [--seed 1] [--scaling] [--fixed-horizon]
 *   [--planned P]
 *
 * --planned P: P % of the start windows already hold a planned initiative with half its seats
 * taken (capacity, issue 21): those windows get no new cohort, their free seats get fills.
 * Prints time, peak RSS, proposals, participants served, objective and the first-come-first-served
 * baseline's objective. --scaling runs 25k/50k/100k/200k needs with offerings in proportion.
 */
import { runMatching, type MatchingInput, type WindowCommitment } from '@km/matching';
import { generateInstance } from './generator';
import { greedyBaseline } from './greedy-baseline';
import { RssSampler, mb } from './rss-sampler';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

interface Row {
  needs: number;
  offerings: number;
  horizonDays: number;
  seconds: number;
  peakRss: number;
  pairs: number;
  proposals: number;
  newInitiatives: number;
  fills: number;
  served: number;
  requested: number;
  objective: number;
  engineGreedy: number;
  baseline: number;
}

async function measure(
  needs: number,
  offerings: number,
  seed: number,
  horizonDays: number,
  baseline: boolean,
): Promise<Row> {
  const input = withPlanned(
    generateInstance({ needs, offerings, seed, horizonDays }),
    arg('planned', 0),
  );
  if (global.gc) global.gc();
  const sampler = new RssSampler();
  sampler.start();
  const t0 = process.hrtime.bigint();
  const result = runMatching(input);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakRss = await sampler.stop();
  const base = baseline ? greedyBaseline(input).objective : NaN;
  return {
    needs,
    offerings,
    horizonDays,
    seconds,
    peakRss,
    pairs: result.stats.candidatePairs,
    proposals: result.stats.proposalsJoint,
    newInitiatives: result.stats.proposalsNew,
    fills: result.stats.proposalsFill,
    served: result.stats.participantsServed,
    requested: result.stats.participantsRequested,
    objective: result.stats.objective,
    engineGreedy: result.stats.greedyObjective,
    baseline: base,
  };
}

function print(r: Row): void {
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
  console.log(
    [
      `needs ${r.needs}, offerings ${r.offerings}, horizon ${r.horizonDays} d, candidate pairs ${r.pairs}`,
      `  time ${r.seconds.toFixed(2)} s, peak RSS (sampled during run) ${mb(r.peakRss)}`,
      `  joint proposals ${r.proposals}, new initiatives ${r.newInitiatives}, fills of planned initiatives ${r.fills}`,
      `  participants served ${r.served} of ${r.requested} (${((r.served / r.requested) * 100).toFixed(1)} %)`,
      `  objective ${r.objective.toFixed(1)}; engine's own greedy phase ${r.engineGreedy.toFixed(1)}` +
        (Number.isNaN(r.baseline)
          ? ''
          : `; first-fit baseline ${r.baseline.toFixed(1)} (engine +${pct(r.objective, r.baseline)})`),
    ].join('\n'),
  );
}

/** Every (100 / percent)-th start window holds a planned initiative with half its seats taken. */
function withPlanned(input: MatchingInput, percent: number): MatchingInput {
  if (!(percent > 0)) return input;
  const every = Math.max(1, Math.round(100 / percent));
  const commitments: WindowCommitment[] = [];
  let k = 0;
  for (const o of input.offerings)
    for (const w of o.startWindows)
      if (k++ % every === 0)
        commitments.push({
          offeringId: o.id,
          startWindowFrom: w.from,
          groupsUsed: 1,
          planned: [
            {
              id: `planned-${k}`,
              participants: Math.max(1, Math.floor(o.maxParticipants / 2)),
              startDate: w.from,
            },
          ],
        });
  return { ...input, commitments };
}

async function main(): Promise<void> {
  const seed = arg('seed', 1);
  if (flag('scaling')) {
    // The planning horizon grows with the input so that demand per region and month stays the
    // same (a bigger country-year, not a denser one); --fixed-horizon keeps one year instead.
    const fixed = flag('fixed-horizon');
    const rows: Row[] = [];
    for (const needs of [25_000, 50_000, 100_000, 200_000]) {
      const horizon = fixed ? 365 : Math.round((365 * needs) / 100_000);
      const row = await measure(needs, needs / 10, seed, horizon, false);
      print(row);
      rows.push(row);
    }
    console.log('\nneeds    offerings  horizon  pairs      time (s)  ×prev  peak RSS');
    rows.forEach((r, i) => {
      const ratio = i === 0 ? '' : (r.seconds / rows[i - 1].seconds).toFixed(2);
      console.log(
        `${String(r.needs).padEnd(9)}${String(r.offerings).padEnd(11)}${String(r.horizonDays).padEnd(9)}${String(r.pairs).padEnd(11)}${r.seconds.toFixed(2).padEnd(10)}${ratio.padEnd(7)}${mb(r.peakRss)}`,
      );
    });
  } else {
    const row = await measure(
      arg('needs', 100_000),
      arg('offerings', 10_000),
      seed,
      arg('horizon', 365),
      !flag('no-baseline'),
    );
    print(row);
  }
  const max = process.resourceUsage().maxRSS * 1024;
  console.log(`process maxRSS (whole process incl. instance generation): ${mb(max)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
