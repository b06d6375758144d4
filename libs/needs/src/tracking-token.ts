import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits), base64url: 43 characters. */
export const TRACKING_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newTrackingToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored: a SHA-256 of the token, so a database leak reveals no working links. */
export function hashTrackingToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isWellFormedTrackingToken(token: string): boolean {
  return TRACKING_TOKEN_PATTERN.test(token);
}
