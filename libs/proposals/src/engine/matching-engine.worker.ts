import {
  MatchingInput,
  RunPartitions,
  reachRegions,
  runMatching,
  runPartitions,
} from '@km/matching';
import { EngineOutcome, outcomeOf } from './engine-outcome';

/** The task a worker thread of the engine pool runs: the pure engine, nothing else. */
export default function matchInWorker(input: MatchingInput): EngineOutcome {
  return outcomeOf(runMatching(input));
}

/** The partition of a rematch (`MatchingEnginePool.regions`), also built off the event loop. */
export { reachRegions };

/** The partitions of a nationwide run (`MatchingEnginePool.partitions`). */
export function partitions(task: { input: MatchingInput; maxParts: number }): RunPartitions {
  return runPartitions(task.input, task.maxParts);
}

/** Holds the thread a moment (`MatchingEnginePool.warm`): the pool then starts all its threads. */
export function warm(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
