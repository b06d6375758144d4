/** What kind of failure a domain error is; the HTTP layer maps each kind to a status. */
export type DomainErrorKind =
  'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'unavailable';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Base class for errors the domain raises on purpose. Only the HTTP layer turns them into
 * status codes, so services stay free of HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly fieldProblems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity}-not-found`, `${entity} ${id} was not found`);
  }
}

/** A caller asked for something outside their region (a broker's counties, a provider's centre). */
export class OutOfScopeError extends DomainError {
  constructor(entity: string) {
    super('forbidden', 'out-of-scope', `This ${entity} is outside your region`);
  }
}

export class InvalidInputError extends DomainError {
  constructor(problems: FieldProblem[], message = 'The request has invalid fields') {
    super('validation', 'validation-error', message, problems);
  }
}
