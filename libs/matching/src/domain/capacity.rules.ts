import type {
  MatchingInput,
  OfferingInput,
  PlannedInitiativeInput,
  StartWindow,
} from './matching-input.types';

/**
 * Capacity of an offering's start window, as rules:
 *
 * 1. A start window holds `groups` groups (default 1), each of at most `maxParticipants`.
 * 2. Every approved, not cancelled initiative on the window holds one group and its seats;
 *    a cancelled initiative holds nothing.
 * 3. A run proposes a new cohort (`joint_initiative`) on a window only while it has a free group,
 *    and at most one per window per run (the next run, after an approval, sees the next group).
 * 4. The seats a planned initiative leaves free (`maxParticipants` − its participants) can be
 *    filled by a `fill_initiative` proposal; nothing else may use them.
 */
export function windowGroups(window: Pick<StartWindow, 'groups'>): number {
  const groups = Math.floor(window.groups ?? 1);
  return Number.isFinite(groups) && groups >= 1 ? groups : 1;
}

export const windowKey = (offeringId: string, startWindowFrom: string) =>
  `${offeringId}\u0000${startWindowFrom}`;

export interface PlannedWithRoom {
  initiative: PlannedInitiativeInput;
  offeringId: string;
  startWindowFrom: string;
  freeSeats: number;
}

export class WindowCapacity {
  private readonly used = new Map<string, number>();
  private readonly planned: Array<{
    initiative: PlannedInitiativeInput;
    offeringId: string;
    startWindowFrom: string;
  }> = [];

  constructor(input: Pick<MatchingInput, 'commitments' | 'previousProposals' | 'today'>) {
    for (const c of input.commitments ?? []) {
      const key = windowKey(c.offeringId, c.startWindowFrom);
      this.used.set(key, (this.used.get(key) ?? 0) + Math.max(0, c.groupsUsed));
      for (const initiative of c.planned)
        this.planned.push({
          initiative,
          offeringId: c.offeringId,
          startWindowFrom: c.startWindowFrom,
        });
    }
    // Without commitments (older callers), an approved cohort of the previous run holds its group.
    const approved = new Map<string, number>();
    for (const p of input.previousProposals ?? [])
      if (
        p.kind === 'joint_initiative' &&
        p.status === 'approved' &&
        p.offeringId &&
        p.startWindowFrom
      ) {
        const key = windowKey(p.offeringId, p.startWindowFrom);
        approved.set(key, (approved.get(key) ?? 0) + 1);
      }
    for (const [key, count] of approved)
      this.used.set(key, Math.max(this.used.get(key) ?? 0, count));
    this.planned.sort((a, b) =>
      a.initiative.id < b.initiative.id ? -1 : a.initiative.id > b.initiative.id ? 1 : 0,
    );
  }

  groupsUsed(offeringId: string, startWindowFrom: string): number {
    return this.used.get(windowKey(offeringId, startWindowFrom)) ?? 0;
  }

  /** Rule 1–2: groups of the window no approved initiative holds. */
  freeGroups(offering: Pick<OfferingInput, 'id'>, window: StartWindow): number {
    return Math.max(0, windowGroups(window) - this.groupsUsed(offering.id, window.from));
  }

  /** Rule 4: planned initiatives with free seats, in id order, with their offering's window. */
  plannedWithRoom(offerings: ReadonlyMap<string, OfferingInput>): PlannedWithRoom[] {
    const out: PlannedWithRoom[] = [];
    for (const p of this.planned) {
      const offering = offerings.get(p.offeringId);
      if (!offering) continue;
      const freeSeats = offering.maxParticipants - p.initiative.participants;
      if (freeSeats > 0) out.push({ ...p, freeSeats });
    }
    return out;
  }
}
