import { DomainError } from '@km/common';

export class ProposalNotOpenError extends DomainError {
  constructor(id: string, status: string) {
    super('conflict', 'proposal-not-open', `Proposal ${id} is ${status}, no longer open`);
  }
}

export class NeedAlreadyCommittedError extends DomainError {
  constructor(needIds: string[]) {
    super(
      'conflict',
      'need-already-committed',
      `Need ${needIds.join(', ')} is already committed to an initiative or no longer open; ` +
        'the proposal has been superseded',
    );
  }
}

/** Approval of a proposal whose offering the provider withdrew; the detail is for the broker. */
export class OfferingWithdrawnError extends DomainError {
  constructor(title: string) {
    super(
      'conflict',
      'offering-withdrawn',
      `Förslaget kan inte godkännas: utbildningen "${title}" har dragits tillbaka av anordnaren. ` +
        'Förslaget är inte längre aktuellt.',
    );
  }
}

/** Approval of a proposal whose start date has passed; the detail is for the broker. */
export class StartInPastError extends DomainError {
  constructor(startDate: string, today: string) {
    super(
      'conflict',
      'start-in-past',
      `Förslaget kan inte godkännas: startdatumet ${startDate} har redan passerat (i dag är det ` +
        `${today}). Förslaget är inte längre aktuellt och behoven matchas på nytt.`,
    );
  }
}

/** Approval on a start window whose groups or seats approved initiatives already hold. */
export class StartWindowFullError extends DomainError {
  constructor(
    title: string,
    startWindowFrom: string,
    capacity:
      | { kind: 'groups'; used: number; groups: number; max: number }
      | { kind: 'seats'; taken: number; adding: number; max: number },
  ) {
    const full =
      capacity.kind === 'groups'
        ? capacity.groups === 1
          ? `startfönstret har redan en planerad grupp och tar bara en (högst ${capacity.max} deltagare)`
          : `alla ${capacity.groups} grupper i startfönstret är redan tagna (högst ${capacity.max} deltagare i varje)`
        : `den planerade gruppen har ${capacity.taken} av ${capacity.max} platser tagna och förslaget ` +
          `behöver ${capacity.adding}`;
    super(
      'conflict',
      'start-window-full',
      `Kursen är fullbokad: "${title}" med start ${startWindowFrom} — ${full}. ` +
        'Förslaget kan inte godkännas och är inte längre aktuellt; behoven matchas på nytt.',
    );
  }
}

/** Approval of a proposal whose start window the provider has removed. */
export class StartWindowRemovedError extends DomainError {
  constructor(title: string, startWindowFrom: string) {
    super(
      'conflict',
      'start-window-removed',
      `Förslaget kan inte godkännas: anordnaren har tagit bort startfönstret ${startWindowFrom} för ` +
        `"${title}". Förslaget är inte längre aktuellt.`,
    );
  }
}

/** A proposal to fill a planned initiative whose initiative is no longer planned. */
export class InitiativeNotPlannedError extends DomainError {
  constructor(title: string, status: string) {
    super(
      'conflict',
      'initiative-not-planned',
      `Förslaget kan inte godkännas: insatsen "${title}" är inte längre planerad (${INITIATIVE_STATUS_SV[status] ?? status}). ` +
        'Förslaget är inte längre aktuellt.',
    );
  }
}

const INITIATIVE_STATUS_SV: Record<string, string> = {
  running: 'den har startat',
  completed: 'den är genomförd',
  cancelled: 'den är inställd',
};

export class InvalidStatusTransitionError extends DomainError {
  constructor(entity: string, from: string, to: string) {
    super('conflict', 'invalid-status-transition', `${entity} cannot go from ${from} to ${to}`);
  }
}

/** Kept where it was exported before; the class lives in libs/common (monitoring uses it too). */
export { OutOfScopeError } from '@km/common';

export class InitiativeNotCancelledError extends DomainError {
  constructor(status: string) {
    super(
      'conflict',
      'initiative-not-cancelled',
      `Only a cancelled initiative's cohort can be reopened; this one is ${status}`,
    );
  }
}

/** A broker of another county's employers tried to decide a pool across the border. */
export class CrossBorderDecisionError extends DomainError {
  constructor(venueName: string, centreName: string | null) {
    super(
      'forbidden',
      'cross-border-decision',
      `Förslaget gäller en utbildning i ${venueName} med arbetsgivare i flera län. Det beslutas av ` +
        `${centreName ?? 'lärcentrumet som anordnar utbildningen'}, som anordnar utbildningen. ` +
        'Du kan läsa förslaget men inte godkänna eller avslå det.',
    );
  }
}
