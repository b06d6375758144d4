import { HISTORY_MONTHS, planHistory, UNOFFERED_COMPETENCES } from './demo-history.plan';

const places = [
  { code: '1880', name: 'Örebro' },
  { code: '1885', name: 'Lindesberg' },
  { code: '0483', name: 'Katrineholm' },
];
const providers = [{ email: 'provider@orebro.demo', municipalityCodes: ['1880'] }];
const plan = (seed: number) => planHistory({ seed, today: '2026-11-15', places, providers });

describe('planHistory', () => {
  it('gives the same plan for the same seed and another for another seed', () => {
    expect(plan(3)).toEqual(plan(3));
    expect(plan(4).needs.map((n) => n.submission.title)).not.toEqual(
      plan(3).needs.map((n) => n.submission.title),
    );
  });

  it('spans 18 months before today, in order, with peaks after New Year and in September', () => {
    const { from, to, needs } = plan(3);
    expect(from).toBe('2025-05-01');
    expect(to).toBe('2026-11-15');
    expect(needs.every((n) => n.day >= from && n.day < to)).toBe(true);
    expect(needs.map((n) => n.day)).toEqual([...needs.map((n) => n.day)].sort());
    const inMonth = (m: string) => needs.filter((n) => n.day.startsWith(m)).length;
    expect(inMonth('2026-09')).toBeGreaterThan(3 * inMonth('2026-07'));
    expect(inMonth('2026-02')).toBeGreaterThan(2 * inMonth('2025-12'));
    expect(new Set(needs.map((n) => n.day.slice(0, 7))).size).toBe(HISTORY_MONTHS);
  });

  it('plans valid needs: a known place, a split that adds up, a window after arrival', () => {
    for (const { day, submission: s, formToken } of plan(3).needs) {
      expect(places.map((p) => p.code)).toContain(s.employer.municipalityCode);
      expect(s.participants.women + s.participants.men).toBe(s.participants.total);
      expect(s.earliestStart > day).toBe(true);
      expect(s.latestEnd > s.earliestStart).toBe(true);
      expect(formToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('has employers ask as networks of three or more, so periods differ by whole networks', () => {
    const { needs } = plan(3);
    const byEmployer = new Map<string, Set<string>>();
    for (const n of needs) {
      const months = byEmployer.get(n.submission.employer.orgNumber) ?? new Set<string>();
      months.add(n.day.slice(0, 7));
      byEmployer.set(n.submission.employer.orgNumber, months);
    }
    // Employers with the same months of asking form groups of at least three.
    const groups = new Map<string, number>();
    for (const months of byEmployer.values()) {
      const key = [...months].sort().join(',');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(3);
    for (const n of needs) {
      expect(n.submission.participants.women).toBeGreaterThan(0);
      expect(n.submission.participants.men).toBeGreaterThan(0);
    }
  });

  it('keeps demand for courses nobody offers waiting in Örebro län on any day', () => {
    for (const today of ['2026-11-15', '2027-03-02', '2027-07-31']) {
      const { needs } = planHistory({ seed: 5, today, places, providers });
      const waiting = needs.filter(
        (n) =>
          n.submission.employer.municipalityCode.startsWith('18') &&
          UNOFFERED_COMPETENCES.includes(n.submission.competenceIds[0]) &&
          n.submission.latestEnd > today,
      );
      expect(new Set(waiting.map((n) => n.submission.competenceIds[0])).size).toBeGreaterThan(1);
    }
  });
});
