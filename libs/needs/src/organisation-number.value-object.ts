import { InvalidInputError } from '@km/common';

/** Why a string is not an organisationsnummer; the HTTP layers word it for their audience. */
export type OrganisationNumberProblem = 'format' | 'group' | 'checksum';

const WRITTEN = /^(\d{6})-?(\d{4})$/;

/** Legal forms given by the first digit (Bolagsverket / SCB). */
const LEGAL_FORMS: Record<string, string> = {
  '1': 'dödsbo',
  '2': 'stat, region, kommun eller församling',
  '3': 'utländskt företag',
  '5': 'aktiebolag',
  '6': 'enkelt bolag',
  '7': 'ekonomisk förening',
  '8': 'ideell förening eller stiftelse',
  '9': 'handelsbolag eller kommanditbolag',
};

/**
 * A Swedish organisationsnummer: ten digits written NNNNNN-NNNN (or without the hyphen), digits 3–4
 * ("month") at least 20 so it can never be a personnummer, and a Luhn check digit last.
 * (The npm package `organisationsnummer` does the same; this is twenty lines and no dependency.)
 */
export class OrganisationNumber {
  private constructor(
    /** The ten digits, no hyphen: the stored form. */
    readonly digits: string,
  ) {}

  /** Parses a written number; surrounding whitespace is ignored. */
  static parse(
    input: string,
  ): { ok: true; value: OrganisationNumber } | { ok: false; problem: OrganisationNumberProblem } {
    const match = WRITTEN.exec(input.trim());
    if (!match) return { ok: false, problem: 'format' };
    const digits = match[1] + match[2];
    if (Number(digits.slice(2, 4)) < 20) return { ok: false, problem: 'group' };
    if (!luhnValid(digits)) return { ok: false, problem: 'checksum' };
    return { ok: true, value: new OrganisationNumber(digits) };
  }

  /**
   * Parses an organisationsnummer given in a path or query.
   * @throws InvalidInputError naming the field when it is not one.
   */
  static require(input: string, field = 'orgNumber'): OrganisationNumber {
    const parsed = OrganisationNumber.parse(input);
    if (parsed.ok) return parsed.value;
    throw new InvalidInputError([
      { field, message: `${field} must be an organisationsnummer (NNNNNN-NNNN)` },
    ]);
  }

  static isValid(input: string): boolean {
    return OrganisationNumber.parse(input).ok;
  }

  /** NNNNNN-NNNN, as Bolagsverket writes it. */
  get formatted(): string {
    return `${this.digits.slice(0, 6)}-${this.digits.slice(6)}`;
  }

  /** The legal form the first digit stands for, in Swedish, or null for an unused digit. */
  get legalForm(): string | null {
    return LEGAL_FORMS[this.digits[0]] ?? null;
  }

  toString(): string {
    return this.formatted;
  }
}

/** Luhn (mod 10) over all ten digits: doubling every second digit from the left. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    if ((digits.length - i) % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Completes nine digits with their Luhn check digit: demo data, benchmarks and tests make up
 * organisationsnummer that the intake accepts.
 */
export function withLuhnDigit(nineDigits: string): string {
  for (let check = 0; check <= 9; check++) {
    if (luhnValid(`${nineDigits}${check}`)) return `${nineDigits}${check}`;
  }
  throw new Error(`no check digit for ${nineDigits}`);
}
