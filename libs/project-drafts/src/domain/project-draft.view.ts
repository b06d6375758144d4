import type { CriterionName, ProjectDraftDocument } from './project-draft.types';

/** A living draft (`draft`, or `empty` while nothing is in it) or an approved snapshot. */
export type ProjectDraftStatus = 'draft' | 'empty' | 'approved';

export interface ProjectDraftVersionRef {
  id: string;
  version: number;
  approvedAt: string;
}

/** What the API returns and the pages render: the document with its identity and history. */
export interface ProjectDraftView extends ProjectDraftDocument {
  id: string;
  /** The living draft's id (for a snapshot: the draft it was approved from). */
  draftId: string;
  /** Null for the living draft; 1, 2, … for its approved snapshots. */
  version: number | null;
  status: ProjectDraftStatus;
  updatedAt: string;
  approvedAt: string | null;
  /** The approver's role only: staff never see other accounts' internal ids. */
  approvedByRole: string | null;
  /** The approved snapshots of the draft, newest first. */
  versions: ProjectDraftVersionRef[];
}

export const DRAFT_STATUS_SV: Record<ProjectDraftStatus, string> = {
  draft: 'Utkast',
  empty: 'Tomt utkast',
  approved: 'Godkänd version',
};

export const ITEM_STATUS_SV: Record<string, string> = {
  open: 'Förslag att granska',
  planned: 'Planerad',
  running: 'Pågår',
  completed: 'Genomförd',
};

export const ITEM_KIND_SV = {
  initiative: 'Godkänd utbildningsinsats',
  proposal: 'Förslag',
} as const;

export const CRITERION_SV: Record<CriterionName, string> = {
  employers: 'Antal arbetsgivare',
  municipalities: 'Antal kommuner',
  budget_min: 'Lägsta budget',
  budget_max: 'Högsta budget',
  gender_balance: 'Jämn könsfördelning',
};

/** "Godkänd version 2" / "Utkast". */
export function statusText(view: Pick<ProjectDraftView, 'status' | 'version'>): string {
  return view.status === 'approved'
    ? `${DRAFT_STATUS_SV.approved} ${view.version}`
    : DRAFT_STATUS_SV[view.status];
}

/** The project's name as a heading: "Truck och lager – Örebro län". */
export const draftTitle = (d: Pick<ProjectDraftView, 'themeLabel' | 'countyName'>): string =>
  `${d.themeLabel} – ${d.countyName}`;
