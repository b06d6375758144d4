/**
 * Where "now" comes from. Production always reads the system clock; the demo seed (and a test
 * that needs it) replaces it for the duration of one piece of work, so every rule that reads
 * "today" through calendar-day.ts sees the simulated day without a changed signature.
 */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

let current: Clock = SYSTEM_CLOCK;

/** The current instant of the clock in use (the system clock unless `withClock` runs). */
export function currentInstant(): Date {
  return current.now();
}

/**
 * Runs `work` with `clock` as the clock, and puts the previous clock back afterwards, also when
 * `work` fails. Not for concurrent use: the clock is one per process, like the system's.
 */
export async function withClock<T>(clock: Clock, work: () => Promise<T>): Promise<T> {
  const previous = current;
  current = clock;
  try {
    return await work();
  } finally {
    current = previous;
  }
}

/** A clock that stands at `at` until moved: the seed steps it through its history. */
export class SteppedClock implements Clock {
  constructor(private at: Date) {}

  now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date): void {
    this.at = new Date(at.getTime());
  }
}
