import type { PreviousProposal, ProposalKind } from './matching-input.types';

/**
 * Proposal ids derive from content, so the same cohort gets the same id in every run, and a
 * proposal of the previous run that is unchanged (same kind, offering, start window and needs)
 * keeps its id and status even if the app stored it under another id scheme.
 */

/** 64-bit FNV-1a, as two independent 32-bit lanes, in hex. Not cryptographic; just stable. */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export interface ProposalContent {
  kind: ProposalKind;
  offeringId: string | null;
  startWindowFrom: string | null;
  /** Only for `fill_initiative`: the planned initiative it fills. */
  initiativeId?: string | null;
  needIds: readonly string[];
}

export function proposalContentKey(c: ProposalContent): string {
  const needs = [...c.needIds].sort().join(',');
  const key = [c.kind, c.offeringId ?? '', c.startWindowFrom ?? '', needs];
  // Keys of the older kinds stay as they were, so their stored ids still resolve.
  if (c.kind === 'fill_initiative') key.push(c.initiativeId ?? '');
  return key.join('|');
}

const ID_PREFIX: Record<ProposalKind, string> = {
  joint_initiative: 'jp',
  new_initiative: 'np',
  fill_initiative: 'fp',
};

export function proposalId(c: ProposalContent): string {
  return `${ID_PREFIX[c.kind]}-${contentHash(proposalContentKey(c))}`;
}

/** Only a new initiative has no start window of its own to tell it apart. */
const keepsWindow = (kind: ProposalKind) => kind !== 'new_initiative';

/** Looks up the previous run's proposal with identical content. */
export class PreviousProposals {
  private readonly byKey = new Map<string, PreviousProposal>();

  constructor(previous: readonly PreviousProposal[]) {
    const sorted = [...previous].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (const p of sorted) {
      const key = proposalContentKey({
        kind: p.kind,
        offeringId: p.offeringId ?? null,
        startWindowFrom: keepsWindow(p.kind) ? (p.startWindowFrom ?? null) : null,
        initiativeId: p.initiativeId ?? null,
        needIds: p.needIds,
      });
      if (!this.byKey.has(key)) this.byKey.set(key, p);
    }
  }

  /** The id (and status) to use: the previous one if the content is unchanged, else a fresh content id. */
  resolve(c: ProposalContent): { id: string; previousStatus: string | null } {
    const normalised = {
      ...c,
      startWindowFrom: keepsWindow(c.kind) ? c.startWindowFrom : null,
    };
    const previous = this.byKey.get(proposalContentKey(normalised));
    return previous
      ? { id: previous.id, previousStatus: previous.status }
      : { id: proposalId(normalised), previousStatus: null };
  }
}
