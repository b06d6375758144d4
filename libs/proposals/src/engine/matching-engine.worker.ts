import { MatchingInput, MatchingResult, reachRegions, runMatching } from '@km/matching';

/** The task a worker thread of the engine pool runs: the pure engine, nothing else. */
export default function matchInWorker(input: MatchingInput): MatchingResult {
  return runMatching(input);
}

/** The partition of a rematch (`MatchingEnginePool.regions`), also built off the event loop. */
export { reachRegions };
