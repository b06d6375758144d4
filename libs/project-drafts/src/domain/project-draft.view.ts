import {
  CALL_RULE_SV,
  PROJECT_DRAFT_ITEM_KIND_SV,
  PROJECT_DRAFT_ITEM_STATUS_SV,
  PROJECT_DRAFT_STATUS_SV,
} from '@km/labels';
import type { ProjectDraftDocument } from './project-draft.types';

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

/** Re-exported under the names the drafts' pages and CSV use; the words live in @km/labels. */
export {
  CALL_RULE_SV as CRITERION_SV,
  PROJECT_DRAFT_ITEM_KIND_SV as ITEM_KIND_SV,
  PROJECT_DRAFT_ITEM_STATUS_SV as ITEM_STATUS_SV,
  PROJECT_DRAFT_STATUS_SV as DRAFT_STATUS_SV,
};

/** "Godkänd version 2" / "Utkast". */
export function statusText(view: Pick<ProjectDraftView, 'status' | 'version'>): string {
  return view.status === 'approved'
    ? `${PROJECT_DRAFT_STATUS_SV.approved} ${view.version}`
    : PROJECT_DRAFT_STATUS_SV[view.status];
}

/** The project's name as a heading: "Truck och lager – Örebro län". */
export const draftTitle = (d: Pick<ProjectDraftView, 'themeLabel' | 'countyName'>): string =>
  `${d.themeLabel} – ${d.countyName}`;
