import { MatchingInput, MatchingResult } from '@km/matching';
import slowMatch from './slow-engine.worker';

/** The employer whose needs make the engine fail (a thread keeps the env it started with). */
export const FAILING_EMPLOYER = 'Trasig Motor AB';

/**
 * A partition that always fails: the engine throws for any input holding a need of
 * FAILING_EMPLOYER; every other input is matched slowly (slow-engine.worker), so two workers
 * both get partitions to run.
 */
export default function failingMatch(input: MatchingInput): MatchingResult {
  if (input.needs.some((n) => n.employerName === FAILING_EMPLOYER))
    throw new Error(`the engine failed on a need of ${FAILING_EMPLOYER}`);
  // A larger partition takes longer, so partitions of unequal size end apart and the parent's
  // progress shows the share done in between (ending together, it went from 0 to the last step).
  const until = Date.now() + PER_NEED_MS * input.needs.length;
  while (Date.now() < until) {
    // busy, as an engine is
  }
  return slowMatch(input);
}

const PER_NEED_MS = 50;

export { reachRegions, partitions, warm } from './slow-engine.worker';
