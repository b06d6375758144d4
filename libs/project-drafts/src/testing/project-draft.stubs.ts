import { composeProjectDraft } from '../domain/project-draft.composer';
import type { DraftItemRow, DraftNeedRow, EsfCallRules } from '../domain/project-draft.types';
import type { ProjectDraftView } from '../domain/project-draft.view';

export const DEFAULT_RULES: EsfCallRules = {
  minEmployers: 3,
  minMunicipalities: 3,
  budgetMinSek: 100_000,
  budgetMaxSek: 20_000_000,
  genderMinShare: 0.4,
  nationalCofinancingShare: 0.46,
};

export function needRow(
  employerName: string,
  municipality: [string, string],
  women: number,
  men: number,
  extra: Partial<DraftNeedRow> = {},
): DraftNeedRow {
  return {
    needId: `need-${employerName}`,
    employerId: `employer-${employerName}`,
    employerName,
    municipalityCode: municipality[0],
    municipalityName: municipality[1],
    employees: 12,
    participants: { total: women + men, women, men },
    ageBand: null,
    educationLevel: null,
    ...extra,
  };
}

export function itemRow(
  proposalId: string,
  needs: DraftNeedRow[],
  extra: Partial<DraftItemRow> = {},
): DraftItemRow {
  return {
    kind: 'proposal',
    proposalId,
    initiativeId: null,
    proposalKind: 'joint_initiative',
    title: 'Truckkort A+B',
    status: 'open',
    venueMunicipalityCode: '1880',
    venueMunicipalityName: 'Örebro',
    startDate: '2027-03-01',
    deliveryMode: 'onsite',
    totalCostSek: 120_000,
    needs,
    ...extra,
  };
}

/** A living draft of Örebro län, theme logistics, over the given items. */
export function draftView(items: DraftItemRow[], rules = DEFAULT_RULES): ProjectDraftView {
  return {
    ...composeProjectDraft(
      {
        countyCode: '18',
        countyName: 'Örebro län',
        theme: 'logistik',
        themeLabel: 'Lager och logistik',
        computedAt: '2026-12-02T10:00:00.000Z',
      },
      items,
      rules,
    ),
    id: 'd1',
    draftId: 'd1',
    version: null,
    status: items.length ? 'draft' : 'empty',
    updatedAt: '2026-12-02T10:00:00.000Z',
    approvedAt: null,
    approvedByRole: null,
    versions: [],
  };
}
