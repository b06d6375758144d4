/**
 * npm run bench:matcher -- --needs 100000 --offerings 10000 [--seed 1] [--scaling] [--fixed-horizon]
 *   [--planned P]
 *
 * --against DIR --rounds R: the same instance matched by this engine and by another build's engine
 * (DIR = that checkout's dist folder, e.g. a worktree of an older commit after `npm run build`),
 * alternating R rounds in one process, so a noisy machine affects both alike; prints wall and
 * CPU seconds per round and the median ratio.
 *
 * --planned P: P % of the start windows already hold a planned initiative with half its seats
 * taken (capacity, issue 21): those windows get no new cohort, their free seats get fills.
 * Prints time, peak RSS, proposals, participants served, objective and the first-come-first-served
 * baseline's objective. --scaling runs 25k/50k/100k/200k needs with offerings in proportion.
 */
import { loadavg } from 'node:os';
import * as path from 'node:path';
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

type Engine = (input: MatchingInput) => { stats: { objective: number; participantsServed: number } };

/** This build's engine and another's on one instance, in alternating rounds. */
async function compare(dir: string, rounds: number, seed: number): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const other = require(path.resolve(dir, 'libs/matching/src/index.js')).runMatching as Engine;
  const input = generateInstance({
    needs: arg('needs', 100_000),
    offerings: arg('offerings', 10_000),
    seed,
    horizonDays: arg('horizon', 365),
  });
  const sides: [string, Engine][] = [
    ['this', runMatching as Engine],
    [`against`, other],
  ];
  const seconds: Record<string, { wall: number; cpu: number }[]> = { this: [], against: [] };
  console.log(`against: ${dir}`);
  console.log('round  side     wall (s)  cpu (s)  peak RSS  served   objective   load');
  for (let r = 1; r <= rounds; r++) {
    // Alternate who goes first so warm-up and drift do not favour one side.
    const order = r % 2 === 1 ? sides : [...sides].reverse();
    for (const [name, engine] of order) {
      if (global.gc) global.gc();
      const sampler = new RssSampler();
      sampler.start();
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const result = engine(input);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpuUsed = process.cpuUsage(cpu0);
      const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
      const peak = await sampler.stop();
      seconds[name].push({ wall, cpu });
      const load = loadavg()[0].toFixed(1);
      console.log(
        `${String(r).padEnd(7)}${name.padEnd(9)}${wall.toFixed(2).padEnd(10)}${cpu.toFixed(2).padEnd(9)}${mb(peak).padEnd(10)}${String(result.stats.participantsServed).padEnd(9)}${result.stats.objective.toFixed(1).padEnd(12)}${load}`,
      );
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  for (const key of ['wall', 'cpu'] as const) {
    const a = median(seconds.this.map((x) => x[key]));
    const b = median(seconds.against.map((x) => x[key]));
    console.log(
      `median ${key}: this ${a.toFixed(2)} s, against ${b.toFixed(2)} s, this/against ${(a / b).toFixed(3)}`,
    );
  }
}

async function main(): Promise<void> {
  const seed = arg('seed', 1);
  const against = process.argv.indexOf('--against');
  if (against >= 0) {
    await compare(process.argv[against + 1], arg('rounds', 5), seed);
  } else if (flag('scaling')) {
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
