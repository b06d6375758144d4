/**
 * Moves only `Date` to `now` (and lets jest.setSystemTime move it on): timers, I/O and the
 * database keep real time, so the app under test still runs normally.
 */
export function fakeDateOnly(now: Date): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
}
