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
  return slowMatch(input);
}

export { reachRegions, partitions, warm } from './slow-engine.worker';
