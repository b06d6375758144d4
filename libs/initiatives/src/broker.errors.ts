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

/** Approval that would put more participants in an offering's start window than it takes. */
export class StartWindowFullError extends DomainError {
  constructor(title: string, taken: number, max: number) {
    super(
      'conflict',
      'start-window-full',
      `Förslaget kan inte godkännas: startfönstret för "${title}" har redan ${taken} deltagare i ` +
        `en annan insats och utbildningen tar högst ${max}. Förslaget är inte längre aktuellt.`,
    );
  }
}

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
