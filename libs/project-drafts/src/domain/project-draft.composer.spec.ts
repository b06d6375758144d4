import { DEFAULT_RULES, draftView, itemRow, needRow } from '../testing/project-draft.stubs';
import { checkCallRules } from './project-draft.composer';
import { projectDraftCsv } from './project-draft.csv';

const ÖREBRO: [string, string] = ['1880', 'Örebro'];
const LINDESBERG: [string, string] = ['1885', 'Lindesberg'];
const KARLSKOGA: [string, string] = ['1883', 'Karlskoga'];

describe('composeProjectDraft', () => {
  it('adds up employers, participants and the budget split over initiatives and proposals', () => {
    const shared = needRow('Bäckens AB', LINDESBERG, 2, 1);
    const d = draftView([
      itemRow('p1', [needRow('Åkeri AB', ÖREBRO, 1, 2, { ageBand: 'under_30' }), shared], {
        kind: 'initiative',
        initiativeId: 'i1',
        status: 'planned',
        totalCostSek: 70_000,
      }),
      itemRow('p2', [{ ...shared, needId: 'n2' }, needRow('Karlskoga Gods AB', KARLSKOGA, 0, 2)], {
        totalCostSek: 50_001,
        deliveryMode: 'hybrid',
      }),
    ]);
    expect(d.employers.map((e) => [e.name, e.participants])).toEqual([
      ['Bäckens AB', 6],
      ['Karlskoga Gods AB', 2],
      ['Åkeri AB', 3],
    ]);
    expect(d.participants).toEqual({ total: 11, women: 5, men: 6, notStated: 0 });
    expect(d.budget).toEqual({
      totalSek: 120_001,
      nationalSek: 55_200,
      esfSek: 64_801,
      nationalShare: 0.46,
      costPerParticipantSek: 10_909.18,
    });
    expect(d.items.map((i) => [i.kind, i.participants.total, i.costPerParticipantSek])).toEqual([
      ['initiative', 6, 11_666.67],
      ['proposal', 5, 10_000.2],
    ]);
    expect(d.ageBands).toEqual([
      { band: 'under_30', participants: 3 },
      { band: null, participants: 8 },
    ]);
    expect(d.eligible).toBe(true);
    expect(d.horizontalCriteria.tillganglighet).toContain(
      '5 av 11 deltagare kan delta på distans eller kombinerat',
    );
  });

  it('words what is missing for each call rule', () => {
    const rules = { ...DEFAULT_RULES, minEmployers: 4, budgetMaxSek: 150_000 };
    const c = Object.fromEntries(
      checkCallRules(
        { employers: 2, municipalities: 1, totalSek: 160_000, participants: { women: 1, men: 9 } },
        rules,
      ).map((x) => [x.name, x]),
    );
    expect(c.employers.missing).toBe('2 arbetsgivare till behövs.');
    expect(c.municipalities.missing).toBe('Arbetsgivare från 2 kommuner till behövs.');
    expect(c.budget_min.met).toBe(true);
    expect(c.budget_max.missing).toMatch(/^Budgeten behöver minska med 10 000 kr/);
    // (1 + 5) / (10 + 5) = 40 %: five more women make the balance.
    expect(c.gender_balance.missing).toMatch(/^5 kvinnor till behövs/);
    expect(c.gender_balance.hard).toBe(false);
    const one = checkCallRules(
      { employers: 3, municipalities: 3, totalSek: 200_000, participants: { women: 4, men: 7 } },
      DEFAULT_RULES,
    ).find((x) => x.name === 'gender_balance')!;
    expect(one.missing).toMatch(/^1 kvinna till behövs/);
  });

  it('exports Swedish labels, decimal commas and real counts to CSV', () => {
    const csv = projectDraftCsv(
      draftView([itemRow('p1', [needRow('Åkeri AB', ÖREBRO, 1, 2)], { totalCostSek: 10_000 })]),
    );
    expect(csv.startsWith('\ufeffAvsnitt;Fält;Värde\r\n')).toBe(true);
    expect(csv).toContain('Budget;Kostnad per deltagare (kr);3333,33');
    expect(csv).toContain('Arbetsgivare;Antal arbetsgivare;1');
    expect(csv).toContain('Deltagande arbetsgivare;Åkeri AB (Örebro);3 deltagare');
    expect(csv).not.toContain('<3');
  });
});
