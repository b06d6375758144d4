import { hkdfSync } from 'node:crypto';

/** Development and tests get a fixed secret so the two commands work without setup. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789';

/** Fewer estimated bits than this is guessable offline from one captured token. */
export const MIN_SECRET_BITS = 128;

/** Words that mark a placeholder copied from documentation or source code. */
const PLACEHOLDER = /change-?me|changeme|development|example|placeholder|secret|password/i;

/**
 * The entropy of a string as if its characters were drawn independently with their observed
 * frequencies (Shannon): a cheap upper bound that still catches repeats, keyboard runs and words.
 */
export function estimatedBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bitsPerChar -= p * Math.log2(p);
  }
  return bitsPerChar * length;
}

/** True for a string that is one shorter block over and over ("0123456789" × 4). */
function isRepeatedBlock(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    if (
      value.length % period === 0 &&
      value.slice(0, period).repeat(value.length / period) === value
    )
      return true;
  }
  return false;
}

/** Why a production secret is unacceptable, or undefined when it will do. */
export function weakSecretProblem(secret: string): string | undefined {
  if (secret === DEVELOPMENT_JWT_SECRET || PLACEHOLDER.test(secret)) {
    return 'is a development or placeholder value; generate one with `openssl rand -base64 32`';
  }
  if (estimatedBits(secret) < MIN_SECRET_BITS || isRepeatedBlock(secret)) {
    return (
      `has too little entropy (about ${Math.floor(estimatedBits(secret))} bits, ` +
      `at least ${MIN_SECRET_BITS} needed); generate one with \`openssl rand -base64 32\``
    );
  }
  return undefined;
}

/** What a key derived from JWT_SECRET is for; each purpose gets an unrelated key. */
export type SecretPurpose = 'jwt' | 'csrf' | 'tracking-link';

/**
 * A 256-bit key for one purpose (HKDF-SHA256 over JWT_SECRET), so a key recovered from one use
 * (say, a CSRF HMAC) neither forges tokens nor opens tracking links.
 */
export function purposeKey(secret: string, purpose: SecretPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kompetensmaklaren', `${purpose}-v1`, 32));
}
