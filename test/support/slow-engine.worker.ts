import {
  MatchingInput,
  MatchingResult,
  RunPartitions,
  reachRegions,
  runMatching,
  runPartitions,
} from '@km/matching';

/**
 * A deliberately slow partition: seconds of synchronous work before the real engine, longer
 * than the matcher's 5 s job lock. Used to show that the lock renews while the engine works.
 */
export default function slowMatch(input: MatchingInput): MatchingResult {
  const until = Date.now() + Number(process.env.KM_SLOW_ENGINE_MS ?? 8000);
  while (Date.now() < until) {
    // busy: the thread is occupied, as with a large county
  }
  return runMatching(input);
}

/** Regions and partitions at normal speed: only the engine's partition is slow. */
export { reachRegions };

export function partitions(task: { input: MatchingInput; maxParts: number }): RunPartitions {
  return runPartitions(task.input, task.maxParts);
}

/** Holds the thread a moment (`MatchingEnginePool.warm`): the pool then starts all its threads. */
export function warm(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
