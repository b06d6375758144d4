/**
 * npm run bench:soak -- [--minutes 5] [--warmup-seconds 30] [--sample-seconds 5] [--rate 300]
 *                       [--connections 8] [--log-level info]
 *
 * The built api (NODE_ENV=production) on a fresh database under a steady mixed load from
 * autocannon against 127.0.0.1 only: intake, tracking (JSON and the Swedish page), competence
 * search, municipalities and liveness. The api process's RSS is sampled every few seconds.
 * Target: RSS at the end ≤ 1.2 × RSS after the warm-up, with zero errors and zero 5xx.
 */
import autocannon from 'autocannon';
import {
  cannon,
  formatFigures,
  intakeRequest,
  numberArg,
  startLoadStack,
  stringArg,
} from './http-load';
import { needBody } from './need-bodies';
import { mb, rssOfProcess } from './rss-sampler';

const MINUTES = numberArg('minutes', 5);
const WARMUP_SECONDS = numberArg('warmup-seconds', Math.min(30, Math.max(10, MINUTES * 6)));
const SAMPLE_SECONDS = numberArg('sample-seconds', 5);
const RATE = numberArg('rate', 300);
const CONNECTIONS = numberArg('connections', 8);
const LOG_LEVEL = stringArg('log-level', 'info');
const SEARCHES = ['truck', 'svets', 'excel', 'hlr', 'ledarskap', 'svenska', 'lean', 'hygien'];

async function trackingTokens(baseUrl: string, competenceIds: string[]): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < 50; i++) {
    const response = await fetch(`${baseUrl}/api/v1/needs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(needBody(1_000_000 + i, competenceIds)),
    });
    if (response.status !== 201) throw new Error(`seeding a need: ${response.status}`);
    tokens.push(((await response.json()) as { trackingToken: string }).trackingToken);
  }
  return tokens;
}

function mixedRequests(competenceIds: string[], tokens: string[]): autocannon.Request[] {
  let n = 0;
  const token = () => tokens[n++ % tokens.length];
  return [
    intakeRequest(competenceIds),
    { method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/needs/track/${token()}` }) },
    {
      method: 'GET',
      setupRequest: (r) => ({
        ...r,
        path: `/api/v1/competences?q=${SEARCHES[n++ % SEARCHES.length]}`,
      }),
    },
    { method: 'GET', path: '/api/v1/municipalities?countyCode=18' },
    { method: 'GET', setupRequest: (r) => ({ ...r, path: `/behov/${token()}` }) },
    { method: 'GET', path: '/health/live' },
  ];
}

async function main(): Promise<void> {
  const stack = await startLoadStack('soak', LOG_LEVEL);
  const samples: { second: number; rss: number }[] = [];
  const started = Date.now();
  const sample = () => {
    const rss = rssOfProcess(stack.apiPid);
    if (rss !== null) samples.push({ second: Math.round((Date.now() - started) / 1000), rss });
  };
  const timer = setInterval(sample, SAMPLE_SECONDS * 1000);
  try {
    const requests = mixedRequests(
      stack.competenceIds,
      await trackingTokens(stack.baseUrl, stack.competenceIds),
    );
    const load = { connections: CONNECTIONS, overallRate: RATE, requests };
    const warmup = await cannon('mixed load (warm-up)', stack.baseUrl, {
      ...load,
      duration: WARMUP_SECONDS,
    });
    sample();
    const afterWarmup = samples[samples.length - 1];
    const soak = await cannon('mixed load (soak)', stack.baseUrl, {
      ...load,
      duration: MINUTES * 60 - WARMUP_SECONDS,
    });
    sample();
    const end = samples[samples.length - 1];
    clearInterval(timer);

    console.log(
      `bench:soak — ${MINUTES} min of mixed load (${WARMUP_SECONDS} s warm-up), ≤ ${RATE} req/s ` +
        `over ${CONNECTIONS} connections, RSS of the api sampled every ${SAMPLE_SECONDS} s, ` +
        `LOG_LEVEL=${LOG_LEVEL}, node ${process.version}`,
    );
    console.log(formatFigures(warmup));
    console.log(formatFigures(soak));
    console.log(
      `RSS (MB) at s: ${samples.map((s) => `${s.second}:${Math.round(s.rss / 1048576)}`).join(' ')}`,
    );
    // RSS moves by tens of MB with each major GC: compare the medians of the first and the last
    // 30 s after the warm-up rather than two single samples.
    const window = Math.max(30, 3 * SAMPLE_SECONDS);
    const after = samples.filter((s) => s.second >= afterWarmup.second);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const baseline = median(
      after.filter((s) => s.second <= afterWarmup.second + window).map((s) => s.rss),
    );
    const final = median(after.filter((s) => s.second >= end.second - window).map((s) => s.rss));
    const ratio = final / baseline;
    console.log(
      `RSS after warm-up ${mb(afterWarmup.rss)}, at the end ${mb(end.rss)}, peak ${mb(Math.max(...after.map((s) => s.rss)))}; ` +
        `median of the first ${window} s after warm-up ${mb(baseline)}, of the last ${window} s ${mb(final)}: ` +
        `end/warm-up ${ratio.toFixed(2)} (target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'MISSED'})`,
    );
    const clean = [warmup, soak].every((r) => r.errors + r.timeouts + r.status5xx === 0);
    console.log(
      `errors, timeouts and 5xx: ${clean ? 0 : 'some'} (target 0: ${clean ? 'met' : 'MISSED'})`,
    );
  } finally {
    clearInterval(timer);
    await stack.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
