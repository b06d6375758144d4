import { DomainError } from '@km/common';

/** Wrong e-mail or password: one message for both, so the answer never reveals which. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('unauthorized', 'invalid-credentials', 'The e-mail address or password is wrong');
  }
}

/** No, malformed, expired or revoked bearer token. */
export class AuthenticationRequiredError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super('unauthorized', 'authentication-required', message);
  }
}

/** Authenticated, but the role or scope does not allow this. */
export class AccessDeniedError extends DomainError {
  constructor(message = 'Your role does not allow this') {
    super('forbidden', 'forbidden', message);
  }
}
