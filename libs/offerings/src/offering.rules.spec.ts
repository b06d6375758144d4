import { isCalendarDate, offeringRuleProblems, swedishToday } from './offering.rules';

const TODAY = '2026-03-10';
const fields = (input: Parameters<typeof offeringRuleProblems>[0]) =>
  offeringRuleProblems(input, TODAY).map((p) => p.field);
const base = { minParticipants: 5, maxParticipants: 12 };

describe('offering rules', () => {
  it('accepts a sane offering', () => {
    expect(fields({ ...base, startWindows: [{ from: '2026-04-01', to: '2026-04-30' }] })).toEqual(
      [],
    );
  });

  it('accepts a window that started but has not ended, and min = max', () => {
    expect(
      fields({
        minParticipants: 8,
        maxParticipants: 8,
        startWindows: [{ from: '2026-03-01', to: TODAY }],
      }),
    ).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(
      fields({
        minParticipants: 10,
        maxParticipants: 5,
        startWindows: [
          { from: '2026-05-01', to: '2026-04-01' },
          { from: '2026-01-01', to: '2026-03-09' },
          { from: '2026-02-30', to: '2026-04-01' },
          { from: '2032-01-01', to: '2032-02-01' },
          { from: '2026-05-01', to: '2026-04-01' },
        ],
      }),
    ).toEqual([
      'maxParticipants',
      'startWindows.0.to',
      'startWindows.1.to',
      'startWindows.2.from',
      'startWindows.3.from',
      'startWindows.4.to',
      'startWindows.4',
    ]);
  });

  it('requires 1 to 24 windows', () => {
    expect(fields({ ...base, startWindows: [] })).toEqual(['startWindows']);
    const many = Array.from({ length: 25 }, (_, i) => ({
      from: `2026-04-${String(i + 1).padStart(2, '0')}`,
      to: `2026-04-${String(i + 1).padStart(2, '0')}`,
    }));
    expect(fields({ ...base, startWindows: many })).toEqual(['startWindows']);
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
  });

  it('takes today in Swedish time', () => {
    // 23:30 UTC on 31 Dec is already New Year in Stockholm.
    expect(swedishToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
