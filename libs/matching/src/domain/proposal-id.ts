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
  needIds: readonly string[];
}

export function proposalContentKey(c: ProposalContent): string {
  const needs = [...c.needIds].sort().join(',');
  return [c.kind, c.offeringId ?? '', c.startWindowFrom ?? '', needs].join('|');
}

export function proposalId(c: ProposalContent): string {
  return `${c.kind === 'joint_initiative' ? 'jp' : 'np'}-${contentHash(proposalContentKey(c))}`;
}

/** Looks up the previous run's proposal with identical content. */
export class PreviousProposals {
  private readonly byKey = new Map<string, PreviousProposal>();

  constructor(previous: readonly PreviousProposal[]) {
    const sorted = [...previous].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (const p of sorted) {
      const key = proposalContentKey({
        kind: p.kind,
        offeringId: p.offeringId ?? null,
        startWindowFrom: p.kind === 'joint_initiative' ? (p.startWindowFrom ?? null) : null,
        needIds: p.needIds,
      });
      if (!this.byKey.has(key)) this.byKey.set(key, p);
    }
  }

  /** The id (and status) to use: the previous one if the content is unchanged, else a fresh content id. */
  resolve(c: ProposalContent): { id: string; previousStatus: string | null } {
    const normalised = {
      ...c,
      startWindowFrom: c.kind === 'joint_initiative' ? c.startWindowFrom : null,
    };
    const previous = this.byKey.get(proposalContentKey(normalised));
    return previous
      ? { id: previous.id, previousStatus: previous.status }
      : { id: proposalId(normalised), previousStatus: null };
  }
}
