import type { MatchingParameters } from './matching-parameters';
import type { ParticipantCount, ProposalKind } from './matching-input.types';
import type { HorizontalCriteria, ProjectDraft, ProjectDraftFlag } from './matching-result.types';
import { contentHash } from './proposal-id';
import { formatInt, formatPercent } from './swedish-text';

/**
 * ESF project drafts: all proposals (joint initiatives and new initiatives from unmet clusters)
 * of one county and theme (competence area) form one draft, checked against the call rules.
 * Too few employers or a budget outside the limits make a draft ineligible; a gender balance
 * below the call's share is only flagged, since the call asks to report it, not to exclude.
 * A draft's id derives from county and theme, so it is stable while its contents change.
 */
export interface DraftableProposal {
  id: string;
  kind: ProposalKind;
  countyCode: string;
  theme: string;
  participants: ParticipantCount;
  employers: Array<{ employerId: string; orgSize: number; municipalityCode: string }>;
  totalCostSek: number;
  deliveryMode: 'onsite' | 'remote' | 'hybrid';
}

export function groupProjectDrafts(
  proposals: readonly DraftableProposal[],
  params: MatchingParameters,
): ProjectDraft[] {
  const groups = new Map<string, DraftableProposal[]>();
  for (const p of proposals) {
    const key = `${p.countyCode}|${p.theme}`;
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const rules = params.esf;
  const drafts: ProjectDraft[] = [];
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const [countyCode, theme] = key.split('|');
    const employers = new Map<string, number>();
    const municipalities = new Set<string>();
    const participants = { total: 0, women: 0, men: 0 };
    let budget = 0;
    let flexible = 0;
    for (const p of list) {
      for (const e of p.employers) {
        employers.set(e.employerId, e.orgSize);
        municipalities.add(e.municipalityCode);
      }
      participants.total += p.participants.total;
      participants.women += p.participants.women;
      participants.men += p.participants.men;
      budget += p.totalCostSek;
      if (p.deliveryMode !== 'onsite') flexible += p.participants.total;
    }
    const sme = [...employers.values()].filter((size) => size <= params.smeMaxEmployees).length;
    const flags: ProjectDraftFlag[] = [];
    if (employers.size < rules.minEmployers) flags.push('too_few_employers');
    if (budget < rules.budgetMinSek) flags.push('budget_below_minimum');
    if (budget > rules.budgetMaxSek) flags.push('budget_above_maximum');
    const horizontal = horizontalCriteria(
      participants,
      flexible,
      municipalities.size,
      rules.genderBalanceMinShare,
    );
    if (!horizontal.genderEquality.balanced) flags.push('gender_balance_not_met');
    const hardFlags = flags.filter((f) => f !== 'gender_balance_not_met');
    drafts.push({
      id: `pd-${contentHash(key)}`,
      countyCode,
      theme,
      proposalIds: list.map((p) => p.id),
      employers: employers.size,
      employerIds: [...employers.keys()].sort(),
      participants,
      smeShare: employers.size > 0 ? Math.round((sme / employers.size) * 1000) / 1000 : 0,
      budgetSek: Math.round(budget),
      flags,
      eligible: hardFlags.length === 0,
      horizontalCriteria: horizontal,
    });
  }
  return drafts;
}

function horizontalCriteria(
  participants: ParticipantCount,
  flexibleParticipants: number,
  municipalities: number,
  minShare: number,
): HorizontalCriteria {
  const reported = participants.women + participants.men;
  const womenShare = reported > 0 ? participants.women / reported : 0;
  const menShare = reported > 0 ? participants.men / reported : 0;
  const balanced = reported > 0 && Math.min(womenShare, menShare) >= minShare;
  const flexibleShare = participants.total > 0 ? flexibleParticipants / participants.total : 0;
  return {
    genderEquality: {
      womenShare: Math.round(womenShare * 1000) / 1000,
      menShare: Math.round(menShare * 1000) / 1000,
      balanced,
      text: balanced
        ? `Jämställdhet: ${formatPercent(womenShare)} kvinnor och ${formatPercent(menShare)} män, inom kravet på minst ${formatPercent(minShare)} av vardera.`
        : `Jämställdhet: ${formatPercent(womenShare)} kvinnor och ${formatPercent(menShare)} män; under ${formatPercent(minShare)} för ett kön — beskriv åtgärder i ansökan.`,
    },
    accessibility: {
      remoteOrHybridShare: Math.round(flexibleShare * 1000) / 1000,
      municipalities,
      text: `Tillgänglighet: deltagare från ${formatInt(municipalities)} kommuner; ${formatPercent(flexibleShare)} kan delta på distans eller hybrid.`,
    },
  };
}
