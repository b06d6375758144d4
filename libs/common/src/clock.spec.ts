import { swedishDayFromToday, swedishToday } from './calendar-day';
import { currentInstant, SteppedClock, SYSTEM_CLOCK, withClock } from './clock';

describe('clock', () => {
  it('reads the system clock unless a piece of work replaces it', () => {
    const before = Date.now();
    const now = currentInstant().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(SYSTEM_CLOCK.now().getTime()).toBeGreaterThanOrEqual(before);
  });

  it('gives calendar days of the stepped clock inside withClock, and the system day after', async () => {
    const clock = new SteppedClock(new Date('2025-06-30T22:30:00Z'));
    const seen = await withClock(clock, async () => {
      const first = swedishToday();
      clock.set(new Date('2025-12-31T23:30:00Z'));
      return [first, swedishToday(), swedishDayFromToday(1)];
    });
    expect(seen).toEqual(['2025-07-01', '2026-01-01', '2026-01-02']);
    expect(swedishToday()).toBe(swedishToday(new Date()));
  });

  it('puts the previous clock back when the work fails', async () => {
    const clock = new SteppedClock(new Date('2020-01-01T12:00:00Z'));
    await expect(
      withClock(clock, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(currentInstant().getUTCFullYear()).toBeGreaterThan(2020);
  });
});
