import { extname, join } from 'node:path';
import { Inject, Injectable, OnModuleDestroy, Provider } from '@nestjs/common';
import { Piscina } from 'piscina';
import { APP_CONFIG, AppConfig } from '@km/config';
import {
  MatchingInput,
  MatchingResult,
  RunPartitions,
  reachRegions,
  runMatching,
  runPartitions,
} from '@km/matching';
import { type EngineOutcome, outcomeOf } from './engine-outcome';

export type { EngineOutcome };
export { outcomeOf };

/** Overrides the worker file (tests give the engine a deliberately slow partition). */
export const MATCHING_ENGINE_WORKER_FILE = Symbol('MATCHING_ENGINE_WORKER_FILE');

/** How long each warming task holds its thread, so the tasks overlap and every thread starts. */
const WARM_MS = 50;

/** How long an idle engine thread stays warm; a rematch usually follows within minutes. */
const IDLE_MS = 10 * 60_000;

/**
 * Runs the matching engine in worker threads. A large county is seconds of synchronous work;
 * on the main thread it starved the event loop, so BullMQ could not renew the job lock and the
 * "stalled" job ran a second time. With MATCH_ENGINE_THREADS=0 the engine runs inline.
 */
@Injectable()
export class MatchingEnginePool implements OnModuleDestroy {
  private readonly pool?: Piscina<
    unknown,
    MatchingResult | EngineOutcome | string[][] | RunPartitions
  >;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(MATCHING_ENGINE_WORKER_FILE) workerFile: string,
  ) {
    const threads = config.matching.engineThreads;
    if (threads > 0) {
      this.pool = new Piscina({
        filename: workerFile,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: IDLE_MS,
        // Source (.ts) under tests and `node -r @swc-node/register`: the thread needs the same hook.
        execArgv: extname(workerFile) === '.ts' ? ['-r', '@swc-node/register'] : [],
      });
    }
  }

  /** How many engine calls this process runs at once. */
  get threads(): number {
    return this.pool?.options.maxThreads ?? 1;
  }

  async run(input: MatchingInput): Promise<EngineOutcome> {
    if (!this.pool) return outcomeOf(runMatching(input));
    return outcomeOf((await this.pool.run(input)) as MatchingResult | EngineOutcome);
  }

  /** The reach regions of a (national) input, off the event loop like the engine. */
  regions(input: MatchingInput): Promise<string[][]> {
    if (!this.pool) return Promise.resolve(reachRegions(input));
    return this.pool.run(input, { name: 'reachRegions' }) as Promise<string[][]>;
  }

  /** A nationwide run's partitions (`runPartitions`), off the event loop like the engine. */
  partitions(input: MatchingInput, maxParts: number): Promise<RunPartitions> {
    if (!this.pool) return Promise.resolve(runPartitions(input, maxParts));
    return this.pool.run({ input, maxParts }, { name: 'partitions' }) as Promise<RunPartitions>;
  }

  /**
   * Starts every engine thread now (a matcher at boot), so a run does not pay for starting them:
   * under load a cold thread took seconds before its first task. Concurrent tasks, so the pool
   * grows to all its threads.
   */
  async warm(): Promise<void> {
    if (!this.pool) return;
    await Promise.all(
      Array.from({ length: this.pool.options.maxThreads }, () =>
        this.pool!.run(WARM_MS, { name: 'warm' }),
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
  }
}

/** The engine's own worker file, next to this one (.ts from source, .js when built). */
export const matchingEngineWorkerFile: Provider = {
  provide: MATCHING_ENGINE_WORKER_FILE,
  useValue: join(__dirname, `matching-engine.worker${extname(__filename)}`),
};
