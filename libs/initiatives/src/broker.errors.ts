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

export class InvalidStatusTransitionError extends DomainError {
  constructor(entity: string, from: string, to: string) {
    super('conflict', 'invalid-status-transition', `${entity} cannot go from ${from} to ${to}`);
  }
}

export class OutOfScopeError extends DomainError {
  constructor(entity: string) {
    super('forbidden', 'out-of-scope', `This ${entity} is outside your region`);
  }
}
