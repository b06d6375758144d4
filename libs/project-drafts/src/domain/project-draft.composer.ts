import type {
  AgeBand,
  Criterion,
  DraftEmployer,
  DraftItem,
  DraftItemRow,
  EducationLevel,
  EsfCallRules,
  Participants,
  ProjectDraftDocument,
} from './project-draft.types';
import { count, formatInteger, formatKronor, formatShare, listSv } from './swedish-format';

/** Employers with fewer than this many employees are SMEs (EU definition). */
export const SME_EMPLOYEE_LIMIT = 250;

export interface DraftScope {
  countyCode: string;
  countyName: string;
  theme: string;
  themeLabel: string;
  computedAt: string;
}

const byText = (a: string, b: string) => a.localeCompare(b, 'sv') || (a < b ? -1 : a > b ? 1 : 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The document of one county × theme from its items (approved initiatives that are not
 * cancelled, and open proposals): employers, participants by gender, age band and education
 * level, the budget split into the ESF+ share and national co-financing, the call rules met or
 * missing, and the horizontal criteria as text. Pure: the same rows give the same document.
 */
export function composeProjectDraft(
  scope: DraftScope,
  rows: readonly DraftItemRow[],
  rules: EsfCallRules,
): ProjectDraftDocument {
  const itemRows = [...rows].sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'initiative' ? -1 : 1) ||
      byText(a.title, b.title) ||
      byText(a.proposalId, b.proposalId),
  );
  const employers = new Map<string, DraftEmployer>();
  const municipalities = new Map<string, string>();
  const participants = { total: 0, women: 0, men: 0, notStated: 0 };
  const ages = new Map<AgeBand | null, number>();
  const levels = new Map<EducationLevel | null, number>();
  let flexible = 0;
  let budget = 0;
  const items: DraftItem[] = itemRows.map(({ needs, ...item }) => {
    const own: Participants = { total: 0, women: 0, men: 0 };
    const itemEmployers = new Map<string, string>();
    for (const n of needs) {
      own.total += n.participants.total;
      own.women += n.participants.women;
      own.men += n.participants.men;
      itemEmployers.set(n.employerId, n.employerName);
      const employer = employers.get(n.employerId) ?? {
        id: n.employerId,
        name: n.employerName,
        municipalityCode: n.municipalityCode,
        municipalityName: n.municipalityName,
        sme: n.employees < SME_EMPLOYEE_LIMIT,
        participants: 0,
      };
      employer.participants += n.participants.total;
      employers.set(n.employerId, employer);
      municipalities.set(n.municipalityCode, n.municipalityName);
      ages.set(n.ageBand, (ages.get(n.ageBand) ?? 0) + n.participants.total);
      levels.set(n.educationLevel, (levels.get(n.educationLevel) ?? 0) + n.participants.total);
    }
    participants.total += own.total;
    participants.women += own.women;
    participants.men += own.men;
    if (item.deliveryMode === 'remote' || item.deliveryMode === 'hybrid') flexible += own.total;
    budget += item.totalCostSek;
    return {
      ...item,
      employers: [...itemEmployers]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => byText(a.name, b.name)),
      participants: own,
      costPerParticipantSek: own.total > 0 ? round2(item.totalCostSek / own.total) : null,
    };
  });
  participants.notStated = participants.total - participants.women - participants.men;

  const employerList = [...employers.values()].sort(
    (a, b) => byText(a.name, b.name) || byText(a.id, b.id),
  );
  const municipalityList = [...municipalities]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => byText(a.name, b.name));
  const smeEmployers = employerList.filter((e) => e.sme).length;
  const totalSek = Math.round(budget);
  const nationalSek = Math.round(totalSek * rules.nationalCofinancingShare);
  const criteria = checkCallRules(
    {
      employers: employerList.length,
      municipalities: municipalityList.length,
      totalSek,
      participants,
    },
    rules,
  );
  return {
    ...scope,
    proposalIds: items.map((i) => i.proposalId).sort(),
    items,
    employers: employerList,
    municipalities: municipalityList,
    participants,
    ageBands: breakdown(ages, ['under_30', '30_54', '55_plus']).map(([band, n]) => ({
      band,
      participants: n,
    })),
    educationLevels: breakdown(levels, ['isced_0_2', 'isced_3_4', 'isced_5_8']).map(
      ([level, n]) => ({ level, participants: n }),
    ),
    smeEmployers,
    smeShare: employerList.length > 0 ? round2(smeEmployers / employerList.length) : null,
    budget: {
      totalSek,
      esfSek: totalSek - nationalSek,
      nationalSek,
      nationalShare: rules.nationalCofinancingShare,
      costPerParticipantSek: participants.total > 0 ? round2(totalSek / participants.total) : null,
    },
    rules,
    criteria,
    eligible: criteria.every((c) => c.met || !c.hard),
    horizontalCriteria: {
      jamstalldhet: genderText(participants, rules.genderMinShare),
      tillganglighet: accessibilityText(
        participants.total,
        flexible,
        municipalityList.map((m) => m.name),
        employerList.length,
        smeEmployers,
      ),
    },
  };
}

/** Stated values in their fixed order, then "not stated" (null) when there is any. */
function breakdown<K extends string>(
  counts: Map<K | null, number>,
  order: readonly K[],
): [K | null, number][] {
  const out: [K | null, number][] = order
    .filter((k) => counts.has(k))
    .map((k) => [k, counts.get(k)!]);
  if (counts.has(null)) out.push([null, counts.get(null)!]);
  return out;
}

/** The call rules in the order an application lists them, each met or with what is missing. */
export function checkCallRules(
  d: {
    employers: number;
    municipalities: number;
    totalSek: number;
    participants: { women: number; men: number };
  },
  rules: EsfCallRules,
): Criterion[] {
  const criteria: Criterion[] = [];
  const missingEmployers = rules.minEmployers - d.employers;
  criteria.push({
    name: 'employers',
    hard: true,
    met: missingEmployers <= 0,
    required: rules.minEmployers,
    actual: d.employers,
    text: `Minst ${count(rules.minEmployers, 'arbetsgivare', 'arbetsgivare')}: ${formatInteger(d.employers)} deltar.`,
    missing:
      missingEmployers > 0
        ? `${count(missingEmployers, 'arbetsgivare', 'arbetsgivare')} till behövs.`
        : null,
  });
  const missingMunicipalities = rules.minMunicipalities - d.municipalities;
  criteria.push({
    name: 'municipalities',
    hard: true,
    met: missingMunicipalities <= 0,
    required: rules.minMunicipalities,
    actual: d.municipalities,
    text: `Arbetsgivare från minst ${count(rules.minMunicipalities, 'kommun', 'kommuner')}: ${formatInteger(d.municipalities)} är med.`,
    missing:
      missingMunicipalities > 0
        ? `Arbetsgivare från ${count(missingMunicipalities, 'kommun', 'kommuner')} till behövs.`
        : null,
  });
  criteria.push({
    name: 'budget_min',
    hard: true,
    met: d.totalSek >= rules.budgetMinSek,
    required: rules.budgetMinSek,
    actual: d.totalSek,
    text: `Budget minst ${formatKronor(rules.budgetMinSek)}: ${formatKronor(d.totalSek)}.`,
    missing:
      d.totalSek < rules.budgetMinSek
        ? `Budgeten behöver öka med ${formatKronor(rules.budgetMinSek - d.totalSek)}.`
        : null,
  });
  criteria.push({
    name: 'budget_max',
    hard: true,
    met: d.totalSek <= rules.budgetMaxSek,
    required: rules.budgetMaxSek,
    actual: d.totalSek,
    text: `Budget högst ${formatKronor(rules.budgetMaxSek)}: ${formatKronor(d.totalSek)}.`,
    missing:
      d.totalSek > rules.budgetMaxSek
        ? `Budgeten behöver minska med ${formatKronor(d.totalSek - rules.budgetMaxSek)}, till exempel genom att dela projektet.`
        : null,
  });
  const { women, men } = d.participants;
  const reported = women + men;
  const fewer = Math.min(women, men);
  const share = reported > 0 ? fewer / reported : 0;
  const met = reported > 0 && share >= rules.genderMinShare;
  const fewerLabel = women <= men ? 'kvinnor' : 'män';
  // The smallest k with (fewer + k) / (reported + k) ≥ the required share.
  const needed =
    rules.genderMinShare >= 1
      ? Number.POSITIVE_INFINITY
      : Math.max(
          0,
          Math.ceil((rules.genderMinShare * reported - fewer) / (1 - rules.genderMinShare) - 1e-9),
        );
  criteria.push({
    name: 'gender_balance',
    hard: false,
    met,
    required: Math.round(rules.genderMinShare * 100),
    actual: Math.round(share * 100),
    text: `Minst ${formatShare(rules.genderMinShare)} av vardera kön bland deltagarna: ${
      reported > 0 ? `${formatShare(share)} ${fewerLabel}` : 'kön är inte angivet'
    }.`,
    missing: met
      ? null
      : reported === 0
        ? 'Arbetsgivarna behöver ange hur många kvinnor och män som deltar.'
        : `${women <= men ? count(needed, 'kvinna', 'kvinnor') : count(needed, 'man', 'män')} till behövs för en jämn fördelning. Redovisa i ansökan hur projektet arbetar för jämställdhet.`,
  });
  return criteria;
}

function genderText(p: ProjectDraftDocument['participants'], minShare: number): string {
  if (p.total === 0) return 'Inga deltagare ännu.';
  const reported = p.women + p.men;
  const parts = [
    `Av ${count(p.total, 'deltagare', 'deltagare')} är ${formatInteger(p.women)} kvinnor och ${formatInteger(p.men)} män` +
      (p.notStated > 0 ? `; för ${formatInteger(p.notStated)} är kön inte angivet.` : '.'),
  ];
  if (reported === 0) {
    parts.push('Könsfördelningen behöver tas fram innan ansökan lämnas.');
  } else {
    const women = p.women / reported;
    const balanced = Math.min(women, 1 - women) >= minShare;
    parts.push(
      balanced
        ? `Fördelningen (${formatShare(women)} kvinnor, ${formatShare(1 - women)} män) uppfyller målet om minst ${formatShare(minShare)} av vardera kön.`
        : `${women < 0.5 ? 'Kvinnor' : 'Män'} är underrepresenterade (${formatShare(Math.min(women, 1 - women))}). Projektet arbetar för att nå minst ${formatShare(minShare)} av vardera kön, bland annat genom att arbetsgivarna uppmuntras att anmäla fler ${women < 0.5 ? 'kvinnor' : 'män'} och genom att tider och platser anpassas till deltagarnas förutsättningar.`,
    );
  }
  return parts.join(' ');
}

function accessibilityText(
  total: number,
  flexible: number,
  municipalities: string[],
  employers: number,
  sme: number,
): string {
  if (total === 0) return 'Inga deltagare ännu.';
  return [
    `Deltagarna kommer från ${count(employers, 'arbetsgivare', 'arbetsgivare')} i ${count(municipalities.length, 'kommun', 'kommuner')} (${listSv(municipalities)}), varav ${formatInteger(sme)} små eller medelstora.`,
    flexible > 0
      ? `${formatInteger(flexible)} av ${formatInteger(total)} deltagare kan delta på distans eller kombinerat, vilket minskar resor för deltagare i glesbygd och med funktionsnedsättning.`
      : 'Utbildningarna ges på plats nära arbetsplatserna.',
    'Lokaler och material anpassas efter deltagarnas behov, och lärcentrum erbjuder stöd vid funktionsnedsättning.',
  ].join(' ');
}
